package io.jrunc.cli.systemd;

import io.jrunc.domain.cgroups.CgroupStats;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.config.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A container's cgroup as a systemd unit, backed by the cgroupfs driver's cgroup at the unit's path.
 *
 * <p>The sequence for a new container. systemd will not start a scope without a process in it, and the
 * domain has no pid at {@link #create()}, so:
 * <ol>
 *   <li>{@code create()}: only checks that systemd answers on the bus; nothing is made yet.</li>
 *   <li>{@code apply(resources)} before {@code join}: the resources are kept for the start.</li>
 *   <li>{@code join(initPid)}: StartTransientUnit(unit, "replace", [Description, Slice, Delegate, PIDs=[initPid],
 *       accounting, DefaultDependencies=false, DevicePolicy and DeviceAllow, the resources' properties, the
 *       config's {@code org.systemd.property.*} annotations], []) and the wait for its job's
 *       JobRemoved; then the cgroupfs driver makes what systemd did not (v1 hierarchies systemd does not
 *       manage), moves the pid in everywhere and writes the kept resources.</li>
 *   <li>{@code apply}/{@code update} once started: SetUnitProperties(unit, runtime=true, …), then the
 *       cgroupfs writes.</li>
 *   <li>{@code destroy()}: StopUnit(unit, "replace"), its job waited for, ResetFailedUnit, then the cgroupfs
 *       driver removes what is left. A unit that is already gone is no error.</li>
 * </ol>
 */
final class SystemdContainerCgroup implements ContainerCgroup {
    private final String unitName;
    private final Optional<SystemdUnit> toStart;
    private final List<UnitProperty> fromAnnotations;
    private final ContainerCgroup cgroupfs;
    private final boolean unified;
    private final SystemdSettings settings;
    private boolean started;
    private Resources kept;

    private SystemdContainerCgroup(String unitName, Optional<SystemdUnit> toStart, List<UnitProperty> fromAnnotations,
                                   ContainerCgroup cgroupfs, boolean unified, SystemdSettings settings,
                                   boolean started) {
        this.unitName = unitName;
        this.toStart = toStart;
        this.fromAnnotations = List.copyOf(fromAnnotations);
        this.cgroupfs = cgroupfs;
        this.unified = unified;
        this.settings = settings;
        this.started = started;
    }

    /** @param fromAnnotations the config's own properties, sent after jrunc's at the start, as runc sends them */
    static SystemdContainerCgroup toStart(SystemdUnit unit, List<UnitProperty> fromAnnotations,
                                          ContainerCgroup cgroupfs, boolean unified, SystemdSettings settings) {
        return new SystemdContainerCgroup(unit.name(), Optional.of(unit), fromAnnotations, cgroupfs, unified,
                settings, false);
    }

    static SystemdContainerCgroup started(String unitName, ContainerCgroup cgroupfs, boolean unified,
                                          SystemdSettings settings) {
        return new SystemdContainerCgroup(unitName, Optional.empty(), List.of(), cgroupfs, unified, settings, true);
    }

    String unitName() {
        return unitName;
    }

    @Override
    public Map<String, String> paths() {
        return cgroupfs.paths();
    }

    @Override
    public void create() {
        try (SystemdBus bus = connect()) {
            // Connected and authenticated: the unit itself waits for a pid (join).
        }
    }

    @Override
    public void join(int pid) {
        if (!started) {
            Resources resources = kept;
            start(pid, resources);
            try {
                cgroupfs.create();
                cgroupfs.join(pid);
                if (resources != null) {
                    cgroupfs.apply(ResourceProperties.of(resources, unified, -1).forCgroupfs());
                }
            } catch (RuntimeException e) {
                stopQuietly();
                throw e;
            }
            started = true;
            kept = null;
            return;
        }
        cgroupfs.join(pid);
    }

    @Override
    public void apply(Resources resources) {
        if (!started) {
            kept = resources;
            return;
        }
        cgroupfs.apply(setProperties(resources));
    }

    @Override
    public void update(Resources resources) {
        cgroupfs.update(setProperties(resources));
    }

    @Override
    public void freeze() {
        cgroupfs.freeze();
    }

    @Override
    public void thaw() {
        cgroupfs.thaw();
    }

    @Override
    public boolean frozen() {
        return cgroupfs.frozen();
    }

    @Override
    public List<Integer> processes() {
        return cgroupfs.processes();
    }

    @Override
    public CgroupStats stats() {
        return cgroupfs.stats();
    }

    @Override
    public long oomKills() {
        return cgroupfs.oomKills();
    }

    /** cgroupfs cleans up even when systemd could not be asked: what it made itself must not stay behind. */
    @Override
    public void destroy() {
        SystemdException failure;
        try (SystemdBus bus = connect()) {
            failure = stop(bus);
        } catch (SystemdException e) {
            failure = e;
        }
        cgroupfs.destroy();
        if (failure != null) {
            throw failure;
        }
    }

    private SystemdBus connect() {
        return SystemdBus.connect(settings.busAddress());
    }

    private void start(int pid, Resources resources) {
        SystemdUnit unit = toStart.orElseThrow();
        try (SystemdBus bus = connect()) {
            List<UnitProperty> properties = new ArrayList<>(unitProperties(unit, pid));
            if (resources != null) {
                int version = bus.version();
                properties.addAll(deviceProperties(resources, version));
                properties.addAll(ResourceProperties.of(resources, unified, version).properties());
                properties.addAll(ResourceProperties.atStart(resources, unified));
            }
            properties.addAll(fromAnnotations);
            String job = queueStart(bus, properties);
            String result;
            try {
                result = bus.awaitJob(job, settings.jobTimeout());
            } catch (TimeoutException e) {
                forget(bus);
                throw new SystemdException("unable to start unit \"" + unitName + "\": Timeout waiting for systemd "
                        + "to create " + unitName);
            }
            if (!result.equals("done")) {
                forget(bus);
                throw new SystemdException("unable to start unit \"" + unitName + "\": error creating systemd unit `"
                        + unitName + "`: got `" + result + "`");
            }
        }
    }

    /** What runc sets on every unit it starts, before any resource. */
    private List<UnitProperty> unitProperties(SystemdUnit unit, int pid) {
        List<UnitProperty> properties = new ArrayList<>();
        properties.add(new UnitProperty("Description", new Variant<>(unit.description())));
        if (unit.isSlice()) {
            // A slice holds no processes of its own: it only wants its parent, and cgroupfs moves the pid in.
            properties.add(new UnitProperty("Wants", new Variant<>(List.of(unit.parent()), "as")));
        } else {
            properties.add(new UnitProperty("Slice", new Variant<>(unit.parent())));
            properties.add(new UnitProperty("Delegate", new Variant<>(Boolean.TRUE)));
            properties.add(new UnitProperty("PIDs", new Variant<>(List.of(new UInt32(pid)), "au")));
        }
        // Accounting on for every controller, whatever the limits: the same counters as cgroupfs gives.
        properties.add(new UnitProperty("MemoryAccounting", new Variant<>(Boolean.TRUE)));
        properties.add(new UnitProperty("CPUAccounting", new Variant<>(Boolean.TRUE)));
        properties.add(new UnitProperty(unified ? "IOAccounting" : "BlockIOAccounting", new Variant<>(Boolean.TRUE)));
        properties.add(new UnitProperty("TasksAccounting", new Variant<>(Boolean.TRUE)));
        properties.add(new UnitProperty("DefaultDependencies", new Variant<>(Boolean.FALSE)));
        return properties;
    }

    /** A unit of that name may be a failed leftover: runc resets it, so systemd forgets it, and tries once more. */
    private String queueStart(SystemdBus bus, List<UnitProperty> properties) {
        try {
            return bus.startTransientUnit(unitName, properties);
        } catch (DBusExecutionException e) {
            if (!SystemdBus.isError(e, SystemdBus.UNIT_EXISTS)) {
                throw startFailure(e);
            }
        }
        forget(bus);
        try {
            return bus.startTransientUnit(unitName, properties);
        } catch (DBusExecutionException e) {
            throw startFailure(e);
        }
    }

    private SystemdException startFailure(DBusExecutionException e) {
        return new SystemdException("unable to start unit \"" + unitName + "\": " + SystemdBus.messageOf(e), e);
    }

    private Resources setProperties(Resources resources) {
        try (SystemdBus bus = connect()) {
            int version = bus.version();
            ResourceProperties.Translation translation = ResourceProperties.of(resources, unified, version);
            List<UnitProperty> properties = new ArrayList<>(deviceProperties(resources, version));
            properties.addAll(translation.properties());
            try {
                bus.setUnitProperties(unitName, properties);
            } catch (DBusExecutionException e) {
                throw new SystemdException("unable to set unit properties: " + SystemdBus.messageOf(e), e);
            }
            return translation.forCgroupfs();
        }
    }

    /** Devices first, as runc's resource properties begin with them. */
    private List<UnitProperty> deviceProperties(Resources resources, int systemdVersion) {
        return DeviceProperties.of(resources.devices(), systemdVersion, settings.procDevices(), settings.warnings());
    }

    /** Stops the unit and waits for it; null when it is stopped or was gone already. */
    private SystemdException stop(SystemdBus bus) {
        try {
            String job = bus.stopUnit(unitName);
            try {
                bus.awaitJob(job, settings.jobTimeout());
            } catch (TimeoutException e) {
                return new SystemdException("Timed out while waiting for systemd to remove " + unitName);
            }
        } catch (DBusExecutionException e) {
            if (!SystemdBus.isError(e, SystemdBus.NO_SUCH_UNIT)) {
                forget(bus);
                return new SystemdException("unable to stop unit \"" + unitName + "\": " + SystemdBus.messageOf(e), e);
            }
        }
        // A unit whose stop failed stays "failed" and keeps its name until reset.
        forget(bus);
        return null;
    }

    private void stopQuietly() {
        try (SystemdBus bus = connect()) {
            stop(bus);
        } catch (RuntimeException e) {
            // Already failing; the first error is the one to report.
        }
    }

    private void forget(SystemdBus bus) {
        try {
            bus.resetFailedUnit(unitName);
        } catch (DBusExecutionException e) {
            // Not failed, or gone: nothing to forget.
        }
    }
}

package io.jrunc.cli.systemd;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --systemd-cgroup}: every container's cgroup is a transient systemd unit (a scope in a slice), which
 * systemd makes and removes, with the resources it has properties for; a cgroupfs driver, pointed at the
 * unit's cgroup, does the rest (files systemd has no property for, freezing, statistics, processes), as
 * runc's systemd managers lean on its fs managers.
 */
public final class SystemdCgroupDriver implements CgroupDriver {
    /** The annotations this driver turns into unit properties (a prefix): a config's way to change the unit. */
    public static final String PROPERTY_ANNOTATIONS = AnnotationProperties.PREFIX;

    /** How a container's state names this driver. */
    public static final String NAME = "systemd";

    static final String NOT_RUNNING = "systemd not running on this host, cannot use systemd cgroups manager";

    private final CgroupDriver cgroupfs;
    private final boolean unified;
    private final SystemdSettings settings;

    /**
     * @param cgroupfs the cgroupfs driver; it gets the unit's cgroup as an absolute cgroupsPath
     * @param unified  the host has cgroup v2 only (hybrid hosts are v1 here, as in runc)
     */
    public SystemdCgroupDriver(CgroupDriver cgroupfs, boolean unified, SystemdSettings settings) {
        this.cgroupfs = cgroupfs;
        this.unified = unified;
        this.settings = settings;
    }

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath) {
        return forNewContainer(id, cgroupsPath, Map.of());
    }

    /** The {@code org.systemd.property.*} annotations are read here, so a bad one fails before anything is made. */
    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath,
                                           Map<String, String> annotations) {
        requireSystemd();
        SystemdUnit unit = SystemdUnit.of(id, cgroupsPath);
        List<UnitProperty> extra = AnnotationProperties.of(annotations);
        return SystemdContainerCgroup.toStart(unit, extra,
                cgroupfs.forNewContainer(id, Optional.of(unit.cgroupPath())), unified, settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The unit is the last element of every saved path ({@code …/system.slice/jrunc-web.scope}). */
    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths) {
        requireSystemd();
        String unit = paths.values().stream().map(p -> p.substring(p.lastIndexOf('/') + 1))
                .filter(name -> name.endsWith(".scope") || name.endsWith(".slice")).findFirst()
                .orElseThrow(() -> new CgroupError(SystemdUnit.FIELD, "container " + id.value()
                        + " has no systemd unit in its cgroup paths " + paths));
        return SystemdContainerCgroup.started(unit, cgroupfs.forExistingContainer(id, paths), unified, settings);
    }

    /** As sd_booted(3) tells it, before anything is made: systemd is PID 1 when its run directory exists. */
    private void requireSystemd() {
        if (!Files.isDirectory(settings.bootedMarker(), LinkOption.NOFOLLOW_LINKS)) {
            throw new SystemdException(NOT_RUNNING);
        }
    }
}

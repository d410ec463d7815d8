package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.Resources;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's cgroups on a v1 (or hybrid) host: one directory per mounted hierarchy, named controllers and
 * named hierarchies (name=systemd) alike, and on a hybrid host the unified hierarchy too, which only tracks
 * membership. Resources go to the controllers' files.
 */
final class V1Cgroup implements ContainerCgroup {
    private static final String FROZEN = "FROZEN";

    private final Cgroups cgroups;
    private final HostLayout layout;
    /** Hierarchy (mount name, "" for unified) to the container's path in it. */
    private final Map<String, String> paths;

    V1Cgroup(Cgroups cgroups, HostLayout layout, Map<String, String> paths) {
        this.cgroups = cgroups;
        this.layout = layout;
        this.paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    @Override
    public Map<String, String> paths() {
        return paths;
    }

    @Override
    public void create() {
        CgroupDirs dirs = new CgroupDirs(cgroups);
        String current = "";
        try {
            for (var e : paths.entrySet()) {
                current = e.getKey();
                for (String level : CgroupDirs.levels(e.getValue())) {
                    dirs.makeLevel(e.getKey(), level);
                }
                if (layout.mountOf("cpuset").map(e.getKey()::equals).orElse(false)) {
                    inheritCpuset(e.getKey(), e.getValue());
                }
            }
        } catch (SyscallException | CgroupError ex) {
            dirs.undo();
            if (ex instanceof CgroupError ce) {
                throw ce;
            }
            throw new CgroupError(CgroupsPath.FIELD, "unable to create cgroup " + label(current) + ":"
                    + paths.get(current) + ": " + ((SyscallException) ex).errno().description(), ex);
        }
    }

    /**
     * A new cpuset cgroup starts with no CPUs and no memory nodes, and the kernel refuses to move a process
     * into it (ENOSPC): each level takes its parent's until the spec says otherwise.
     */
    private void inheritCpuset(String hierarchy, String path) {
        String parent = "/";
        for (String level : CgroupDirs.levels(path)) {
            for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
                if (cgroups.read(hierarchy, level, file).map(String::isBlank).orElse(false)) {
                    String value = cgroups.read(hierarchy, parent, file).orElse("").trim();
                    cgroups.write(hierarchy, level, file, value);
                }
            }
            parent = level;
        }
    }

    @Override
    public void join(int pid) {
        for (var e : paths.entrySet()) {
            try {
                cgroups.join(e.getKey(), e.getValue(), pid);
            } catch (SyscallException ex) {
                throw new CgroupError(CgroupsPath.FIELD, "unable to join cgroup " + label(e.getKey()) + ":"
                        + e.getValue() + ": " + ex.errno().description(), ex);
            }
        }
    }

    @Override
    public void joinSub(int pid, Map<String, String> subs) {
        for (var e : paths.entrySet()) {
            String path = CgroupDirs.below(e.getValue(), subFor(e.getKey(), subs));
            try {
                cgroups.join(e.getKey(), path, pid);
            } catch (SyscallException ex) {
                throw new CgroupError("--cgroup", "unable to join cgroup " + label(e.getKey()) + ":" + path + ": "
                        + ex.errno().description(), ex);
            }
        }
    }

    /** The sub-cgroup for a hierarchy ("cpu,cpuacct"): one of its controllers', else the one without any. */
    private static String subFor(String hierarchy, Map<String, String> subs) {
        for (String controller : hierarchy.split(",")) {
            if (!controller.isEmpty() && subs.containsKey(controller)) {
                return subs.get(controller);
            }
        }
        return subs.getOrDefault("", "");
    }

    private static String label(String hierarchy) {
        return hierarchy.isEmpty() ? "unified" : hierarchy;
    }

    @Override
    public void check(Resources resources) {
        CgroupChecks.check(resources, false);
    }

    @Override
    public void apply(Resources resources) {
        set(resources, false);
    }

    @Override
    public void update(Resources resources) {
        set(resources, true);
    }

    private void set(Resources resources, boolean running) {
        CgroupChecks.check(resources, false);
        List<CgroupWrite> writes = V1Resources.writes(resources, this::probe);
        boolean quotaFollows = writes.stream().anyMatch(w -> w.file().equals("cpu.cfs_quota_us"));
        CgroupWrite deferredPeriod = null;
        for (CgroupWrite w : writes) {
            String hierarchy = hierarchyOf(w);
            try {
                CgroupFiles.write(cgroups, hierarchy, paths.get(hierarchy), w);
            } catch (CgroupError e) {
                // A shorter period can be refused while the old quota exceeds the parent's bandwidth for it;
                // with a new quota on its way, runc tries the period again after the quota.
                if (w.file().equals("cpu.cfs_period_us") && quotaFollows && e.getCause() instanceof SyscallException se
                        && se.errno() == io.jrunc.ports.model.Errno.EINVAL) {
                    deferredPeriod = w;
                    continue;
                }
                throw e;
            }
            if (w.file().equals("cpu.shares")) {
                checkShares(hierarchy, w);
            }
            if (w.file().equals("cpu.cfs_quota_us") && deferredPeriod != null) {
                CgroupFiles.write(cgroups, hierarchy, paths.get(hierarchy), deferredPeriod);
            }
        }
        if (!resources.devices().isEmpty()) {
            Optional<String> devices = controllerPath("devices");
            if (devices.isEmpty()) {
                throw new CgroupError(Fields.DEVICES, "the devices controller is not mounted: device access cannot be"
                        + " restricted");
            }
            DeviceAccess.applyV1(cgroups, layout.mountOf("devices").orElseThrow(), devices.get(), resources.devices(),
                    running);
        }
    }

    /** The kernel clamps cpu.shares silently; read it back and say the bound, as runc does. */
    private void checkShares(String hierarchy, CgroupWrite w) {
        String read = cgroups.read(hierarchy, paths.get(hierarchy), "cpu.shares").orElse(w.value()).trim();
        long wanted = Long.parseUnsignedLong(w.value());
        long got;
        try {
            got = Long.parseLong(read);
        } catch (NumberFormatException e) {
            return; // nothing to compare with
        }
        if (Long.compareUnsigned(wanted, got) > 0) {
            throw new CgroupError(w.field(), "the maximum allowed cpu-shares is " + got);
        }
        if (Long.compareUnsigned(wanted, got) < 0) {
            throw new CgroupError(w.field(), "the minimum allowed cpu-shares is " + got);
        }
    }

    /** A value for a controller the host does not mount is refused, as runc refuses it. */
    private String hierarchyOf(CgroupWrite w) {
        Optional<String> mount = layout.mountOf(w.controller()).filter(paths::containsKey);
        if (mount.isEmpty()) {
            throw new CgroupError(w.field(), "cannot set " + w.controller()
                    + " limit: container could not join or create cgroup");
        }
        return mount.get();
    }

    private Optional<String> controllerPath(String controller) {
        return layout.mountOf(controller).map(paths::get);
    }

    private Optional<String> probe(String controller, String file) {
        return layout.mountOf(controller).filter(paths::containsKey)
                .flatMap(h -> cgroups.read(h, paths.get(h), file));
    }

    @Override
    public void freeze() {
        String hierarchy = freezer();
        String path = paths.get(hierarchy);
        CgroupFiles.write(cgroups, hierarchy, path, new CgroupWrite("freezer", "freezer.state", FROZEN, "freezer"));
        // FREEZING lasts while tasks are in uninterruptible sleep; asking again nudges the kernel on.
        for (int attempt = 1; attempt <= 1000; attempt++) {
            if (frozen()) {
                return;
            }
            if (attempt % 25 == 0) {
                CgroupFiles.write(cgroups, hierarchy, path, new CgroupWrite("freezer", "freezer.state", FROZEN, "freezer"));
            }
            Pause.millis(attempt < 100 ? 1 : 10);
        }
        thaw();
        throw new CgroupError("freezer", "unable to freeze: the cgroup stayed in FREEZING");
    }

    @Override
    public void thaw() {
        String hierarchy = freezer();
        CgroupFiles.write(cgroups, hierarchy, paths.get(hierarchy), new CgroupWrite("freezer", "freezer.state", "THAWED",
                "freezer"));
    }

    private String freezer() {
        return layout.mountOf("freezer").filter(paths::containsKey)
                .orElseThrow(() -> new CgroupError("freezer", "cannot toggle freezer: cgroups not configured for container"));
    }

    @Override
    public boolean frozen() {
        return probe("freezer", "freezer.state").map(String::trim).map(FROZEN::equals).orElse(false);
    }

    @Override
    public List<Integer> processes() {
        // Any hierarchy holds every process; runc asks the devices one.
        for (String controller : List.of("devices", "freezer", "pids", "memory")) {
            Optional<String> mount = layout.mountOf(controller).filter(paths::containsKey);
            if (mount.isPresent()) {
                return members(mount.get());
            }
        }
        return paths.isEmpty() ? List.of() : members(paths.keySet().iterator().next());
    }

    private List<Integer> members(String hierarchy) {
        try {
            return cgroups.processes(hierarchy, paths.get(hierarchy));
        } catch (SyscallException e) {
            return List.of(); // the cgroup is gone, and its processes with it
        }
    }

    @Override
    public CgroupStats stats() {
        return V1Stats.read(this::probe);
    }

    @Override
    public long oomKills() {
        return StatFiles.keyed(probe("memory", "memory.oom_control")).getOrDefault("oom_kill", 0L);
    }

    @Override
    public void destroy() {
        List<String> hierarchies = new ArrayList<>(paths.keySet());
        Collections.reverse(hierarchies);
        SyscallException first = null;
        for (String h : hierarchies) {
            try {
                CgroupDirs.remove(cgroups, h, paths.get(h));
            } catch (SyscallException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new CgroupError(CgroupsPath.FIELD, "unable to remove cgroup: " + first.getMessage(), first);
        }
    }
}

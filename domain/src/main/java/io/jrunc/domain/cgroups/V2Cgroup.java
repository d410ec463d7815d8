package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Resources;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.SyscallException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** A container's cgroup on a pure cgroup v2 host: one directory in the unified hierarchy. */
final class V2Cgroup implements ContainerCgroup {
    private static final String UNIFIED = "";

    private final Cgroups cgroups;
    private final String path;

    V2Cgroup(Cgroups cgroups, String path) {
        this.cgroups = cgroups;
        this.path = path;
    }

    @Override
    public Map<String, String> paths() {
        return Map.of(UNIFIED, path);
    }

    /**
     * Each level from the root down is made if missing and delegates every controller the root offers to the
     * next (cgroup.subtree_control), or the container's cgroup would have no controller files.
     */
    @Override
    public void create() {
        CgroupDirs dirs = new CgroupDirs(cgroups);
        try {
            String enable = cgroups.read(UNIFIED, "/", "cgroup.controllers").orElse("").trim().lines()
                    .flatMap(l -> Arrays.stream(l.split("\\s+"))).filter(c -> !c.isEmpty())
                    .map(c -> "+" + c).collect(Collectors.joining(" "));
            String parent = "/";
            for (String level : CgroupDirs.levels(path)) {
                delegate(parent, enable);
                dirs.makeLevel(UNIFIED, level);
                parent = level;
            }
        } catch (SyscallException e) {
            dirs.undo();
            throw new CgroupError(CgroupsPath.FIELD, "unable to create cgroup " + path + ": "
                    + e.errno().description(), e);
        }
    }

    /**
     * All at once, else one by one: a level that holds processes of its own refuses delegation (the kernel's
     * "no internal processes" rule), and a controller the parent lacks is refused; both are left as they are,
     * as runc leaves them.
     */
    private void delegate(String level, String enable) {
        if (enable.isEmpty()) {
            return;
        }
        try {
            cgroups.write(UNIFIED, level, "cgroup.subtree_control", enable);
        } catch (SyscallException all) {
            for (String one : enable.split(" ")) {
                try {
                    cgroups.write(UNIFIED, level, "cgroup.subtree_control", one);
                } catch (SyscallException e) {
                    // Not delegated here; a value for it fails later, naming its field.
                }
            }
        }
    }

    @Override
    public void join(int pid) {
        try {
            cgroups.join(UNIFIED, path, pid);
        } catch (SyscallException e) {
            throw new CgroupError(CgroupsPath.FIELD, "unable to join cgroup " + path + ": " + e.errno().description(), e);
        }
    }

    /** runc 1.1 on v2: only the sub-cgroup without a controller counts. */
    @Override
    public void joinSub(int pid, Map<String, String> subs) {
        String sub = CgroupDirs.below(path, subs.getOrDefault("", ""));
        try {
            cgroups.join(UNIFIED, sub, pid);
        } catch (SyscallException e) {
            throw new CgroupError("--cgroup", "unable to join cgroup " + sub + ": " + e.errno().description(), e);
        }
    }

    @Override
    public void check(Resources resources) {
        CgroupChecks.check(resources, true);
    }

    @Override
    public void apply(Resources resources) {
        set(resources);
    }

    @Override
    public void update(Resources resources) {
        set(resources);
    }

    private void set(Resources resources) {
        CgroupChecks.check(resources, true);
        resources.memory().ifPresent(this::checkBeforeUpdate);
        Optional<Set<String>> available = cgroups.read(UNIFIED, path, "cgroup.controllers")
                .map(s -> Set.of(s.trim().split("\\s+")));
        for (CgroupWrite w : V2Resources.writes(resources, this::probe)) {
            if (available.isPresent() && !w.controller().equals("cgroup") && !available.get().contains(w.controller())) {
                throw new CgroupError(w.field(), "cannot set " + w.controller() + " limit: the " + w.controller()
                        + " controller is not available in cgroup " + path);
            }
            CgroupFiles.write(cgroups, UNIFIED, path, w);
        }
        DeviceAccess.applyV2(cgroups, path, resources.devices());
    }

    /** memory.checkBeforeUpdate: v2 lowers a limit below usage by reclaiming (or OOM-killing); refuse instead. */
    private void checkBeforeUpdate(Memory m) {
        OptionalLong limit = CgroupChecks.set(m.limit());
        if (!m.checkBeforeUpdate().orElse(false) || limit.isEmpty() || limit.getAsLong() < 0) {
            return;
        }
        Optional<String> current = cgroups.read(UNIFIED, path, "memory.current").map(String::trim);
        if (current.isPresent() && Long.parseLong(current.get()) > limit.getAsLong()) {
            throw new CgroupError(Fields.MEMORY + ".limit", "rejecting memory limit " + limit.getAsLong()
                    + " below current usage " + current.get());
        }
    }

    private Optional<String> probe(String controller, String file) {
        return cgroups.read(UNIFIED, path, file);
    }

    @Override
    public void freeze() {
        CgroupFiles.write(cgroups, UNIFIED, path, new CgroupWrite("cgroup", "cgroup.freeze", "1", "freezer"));
        for (int attempt = 1; attempt <= 1000; attempt++) {
            if (eventsSayFrozen()) {
                return;
            }
            Pause.millis(attempt < 100 ? 1 : 10);
        }
        thaw();
        throw new CgroupError("freezer", "unable to freeze: cgroup.events never reported frozen");
    }

    private boolean eventsSayFrozen() {
        return cgroups.read(UNIFIED, path, "cgroup.events").orElse("").lines()
                .anyMatch(l -> l.trim().equals("frozen 1"));
    }

    @Override
    public void thaw() {
        CgroupFiles.write(cgroups, UNIFIED, path, new CgroupWrite("cgroup", "cgroup.freeze", "0", "freezer"));
    }

    @Override
    public boolean frozen() {
        return cgroups.read(UNIFIED, path, "cgroup.freeze").map(String::trim).map("1"::equals).orElse(false);
    }

    @Override
    public List<Integer> processes() {
        try {
            return cgroups.processes(UNIFIED, path);
        } catch (SyscallException e) {
            return List.of();
        }
    }

    @Override
    public CgroupStats stats() {
        return V2Stats.read(this::probe);
    }

    @Override
    public long oomKills() {
        return StatFiles.keyed(probe("memory", "memory.events")).getOrDefault("oom_kill", 0L);
    }

    @Override
    public void destroy() {
        try {
            CgroupDirs.remove(cgroups, UNIFIED, path);
        } catch (SyscallException e) {
            throw new CgroupError(CgroupsPath.FIELD, "unable to remove cgroup: " + e.getMessage(), e);
        }
    }
}

package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.CgroupStats;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cgroup driver whose cgroups live in memory, one per container id: a freezer flag, the processes put in,
 * the limits create applied, every update written, canned stats, and a refusal to inject per operation. Given
 * to {@link FakeRuntime}, it is what create, the observer and every cgroup use case see; the real drivers are
 * tested on the fake kernel's cgroupfs and against the kernel.
 */
final class InMemoryCgroups implements CgroupDriver {
    final Map<String, Cgroup> byId = new HashMap<>();
    /** The paths each lookup of an existing container was given, in order. */
    final List<Map<String, String>> pathsAsked = new ArrayList<>();

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath) {
        return cgroup(id.value());
    }

    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths) {
        pathsAsked.add(Map.copyOf(paths));
        return cgroup(id.value());
    }

    Cgroup cgroup(String id) {
        return byId.computeIfAbsent(id, k -> new Cgroup(Map.of("memory", "/jrunc/" + k)));
    }

    static final class Cgroup implements ContainerCgroup {
        private final Map<String, String> paths;
        boolean exists = true;
        boolean frozen;
        /** How often the freezer was asked, refused reads included. */
        int freezerReads;
        final List<Integer> processes = new ArrayList<>();
        final List<Resources> applied = new ArrayList<>();
        final List<Resources> updates = new ArrayList<>();
        CgroupStats stats = CgroupStatsSamples.small();
        private final Map<String, RuntimeException> refusals = new LinkedHashMap<>();

        Cgroup(Map<String, String> paths) {
            this.paths = paths;
        }

        /** The next call of {@code operation} ("freeze", "thaw", "frozen", "update", "processes", "stats", …) throws. */
        void refuseNext(String operation, RuntimeException refusal) {
            refusals.put(operation, refusal);
        }

        private void check(String operation) {
            RuntimeException refusal = refusals.remove(operation);
            if (refusal != null) {
                throw refusal;
            }
            if (!exists) {
                throw new CgroupError("linux.cgroupsPath", "cgroup " + paths + " does not exist");
            }
        }

        @Override
        public Map<String, String> paths() {
            return paths;
        }

        @Override
        public void create() {
            exists = true;
        }

        @Override
        public void join(int pid) {
            check("join");
            processes.add(pid);
        }

        @Override
        public void apply(Resources resources) {
            check("apply");
            applied.add(resources);
        }

        @Override
        public void update(Resources resources) {
            updates.add(resources);
            check("update");
        }

        @Override
        public void freeze() {
            check("freeze");
            frozen = true;
        }

        @Override
        public void thaw() {
            check("thaw");
            frozen = false;
        }

        @Override
        public boolean frozen() {
            freezerReads++;
            check("frozen");
            return frozen;
        }

        @Override
        public List<Integer> processes() {
            check("processes");
            return List.copyOf(processes);
        }

        @Override
        public CgroupStats stats() {
            check("stats");
            return stats;
        }

        @Override
        public void destroy() {
            exists = false;
        }
    }
}

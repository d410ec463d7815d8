package io.jrunc.cli;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.CgroupStats;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One in-memory cgroup per container id: a freezer flag, its processes, the updates written, canned stats. */
final class StubCgroups implements CgroupDriver {
    final Map<String, Stub> byId = new HashMap<>();

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath) {
        return of(id.value());
    }

    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths) {
        return of(id.value());
    }

    Stub of(String id) {
        return byId.computeIfAbsent(id, k -> new Stub());
    }

    static final class Stub implements ContainerCgroup {
        boolean frozen;
        final List<Integer> processes = new ArrayList<>();
        final List<Resources> updates = new ArrayList<>();
        CgroupStats stats;
        final java.util.concurrent.atomic.AtomicInteger statsRead = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Map<String, String> paths() {
            return Map.of();
        }

        @Override
        public void create() {
        }

        @Override
        public void join(int pid) {
            processes.add(pid);
        }

        @Override
        public void apply(Resources resources) {
            updates.add(resources);
        }

        @Override
        public void update(Resources resources) {
            updates.add(resources);
        }

        @Override
        public void freeze() {
            frozen = true;
        }

        @Override
        public void thaw() {
            frozen = false;
        }

        @Override
        public boolean frozen() {
            return frozen;
        }

        @Override
        public List<Integer> processes() {
            return List.copyOf(processes);
        }

        @Override
        public CgroupStats stats() {
            statsRead.incrementAndGet();
            return stats;
        }

        @Override
        public void destroy() {
        }
    }
}

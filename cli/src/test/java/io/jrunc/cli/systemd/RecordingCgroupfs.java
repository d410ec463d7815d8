package io.jrunc.cli.systemd;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.CgroupStats;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The cgroupfs driver's stand-in: records what the systemd driver asks of it, in order. */
final class RecordingCgroupfs implements CgroupDriver {
    final List<String> journal = new CopyOnWriteArrayList<>();
    final List<Resources> written = new CopyOnWriteArrayList<>();
    /** A failure for the next create(), to see the unit stopped again. */
    RuntimeException failCreate;

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath) {
        journal.add("new " + id.value() + " " + cgroupsPath.orElse("(none)"));
        return new Cgroup(Map.of("", cgroupsPath.orElse("/" + id.value())));
    }

    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths) {
        journal.add("existing " + id.value() + " " + paths);
        return new Cgroup(paths);
    }

    private final class Cgroup implements ContainerCgroup {
        private final Map<String, String> paths;

        Cgroup(Map<String, String> paths) {
            this.paths = paths;
        }

        @Override
        public Map<String, String> paths() {
            return paths;
        }

        @Override
        public void create() {
            journal.add("create");
            if (failCreate != null) {
                throw failCreate;
            }
        }

        @Override
        public void join(int pid) {
            journal.add("join " + pid);
        }

        @Override
        public void apply(Resources resources) {
            journal.add("apply");
            written.add(resources);
        }

        @Override
        public void update(Resources resources) {
            journal.add("update");
            written.add(resources);
        }

        @Override
        public void freeze() {
            journal.add("freeze");
        }

        @Override
        public void thaw() {
            journal.add("thaw");
        }

        @Override
        public boolean frozen() {
            journal.add("frozen?");
            return false;
        }

        @Override
        public List<Integer> processes() {
            journal.add("processes");
            return List.of(42);
        }

        @Override
        public CgroupStats stats() {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public void destroy() {
            journal.add("destroy");
        }
    }
}

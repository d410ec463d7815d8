package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cgroups for a rootless runtime (run by an unprivileged user, or as root of a user namespace), as runc's
 * rootless managers take them: a cgroup the runtime may not make is gone without, when the config names no
 * cgroupsPath, and a limit is then refused ("container could not join or create cgroup"); device rules, which
 * only host root may write, are left out whether or not the cgroup was made.
 */
public final class RootlessCgroups implements CgroupDriver {
    private final CgroupDriver driver;

    public RootlessCgroups(CgroupDriver driver) {
        this.driver = driver;
    }

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath) {
        return new Cgroup(driver.forNewContainer(id, cgroupsPath), cgroupsPath.isEmpty());
    }

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath, Map<String, String> annotations) {
        return new Cgroup(driver.forNewContainer(id, cgroupsPath, annotations), cgroupsPath.isEmpty());
    }

    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths) {
        return paths.isEmpty() ? new Cgroup(null, true) : driver.forExistingContainer(id, paths);
    }

    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, String recordedDriver, Map<String, String> paths) {
        return paths.isEmpty() ? new Cgroup(null, true) : driver.forExistingContainer(id, recordedDriver, paths);
    }

    @Override
    public String name() {
        return driver.name();
    }

    /** Whether {@code e} is the kernel's "not yours": the only failure a rootless runtime may go without a cgroup on. */
    static boolean denied(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SyscallException s
                    && (s.errno() == Errno.EPERM || s.errno() == Errno.EACCES || s.errno() == Errno.EROFS)) {
                return true;
            }
        }
        return false;
    }

    private static final class Cgroup implements ContainerCgroup {
        private ContainerCgroup cgroup;
        private final boolean optional;

        /** @param cgroup null for none at all */
        Cgroup(ContainerCgroup cgroup, boolean optional) {
            this.cgroup = cgroup;
            this.optional = optional;
        }

        @Override public Map<String, String> paths() {
            return cgroup == null ? Map.of() : cgroup.paths();
        }

        @Override public void check(Resources resources) {
            if (cgroup != null) {
                cgroup.check(withoutDevices(resources));
            }
        }

        @Override public void create() {
            try {
                cgroup.create();
            } catch (RuntimeException e) {
                goWithout(e);
            }
        }

        @Override public void join(int pid) {
            if (cgroup == null) {
                return;
            }
            try {
                cgroup.join(pid);
            } catch (RuntimeException e) {
                goWithout(e);
            }
        }

        private void goWithout(RuntimeException e) {
            if (!optional || !denied(e)) {
                throw e;
            }
            ContainerCgroup made = cgroup;
            cgroup = null;
            try {
                made.destroy();
            } catch (RuntimeException ignored) {
                // What could not be made cannot be removed either; nothing of it is left to remove.
            }
        }

        @Override public void apply(Resources resources) {
            Resources limits = withoutDevices(resources);
            if (cgroup == null) {
                refuseWithout(limits);
                return;
            }
            cgroup.apply(limits);
        }

        @Override public void update(Resources resources) {
            Resources limits = withoutDevices(resources);
            if (cgroup == null) {
                refuseWithout(limits);
                return;
            }
            cgroup.update(limits);
        }

        private static void refuseWithout(Resources limits) {
            if (!limits.equals(Resources.builder().build())) {
                throw new CgroupError("linux.resources", "cannot set limits: container could not join or create cgroup");
            }
        }

        @Override public void freeze() {
            present("freeze the container").freeze();
        }

        @Override public void thaw() {
            present("thaw the container").thaw();
        }

        @Override public boolean frozen() {
            return cgroup != null && cgroup.frozen();
        }

        @Override public List<Integer> processes() {
            return present("list the container's processes").processes();
        }

        @Override public CgroupStats stats() {
            return present("read the container's stats").stats();
        }

        @Override public long oomKills() {
            return cgroup == null ? 0 : cgroup.oomKills();
        }

        @Override public void destroy() {
            if (cgroup != null) {
                cgroup.destroy();
            }
        }

        private ContainerCgroup present(String what) {
            if (cgroup == null) {
                throw new CgroupError("linux.cgroupsPath", "cannot " + what
                        + ": it has no cgroup (rootless, and the runtime could not make one)");
            }
            return cgroup;
        }

        private static Resources withoutDevices(Resources r) {
            return new Resources(List.of(), r.memory(), r.cpu(), r.pids(), r.blockIO(), r.hugepageLimits(), r.network(),
                    r.rdma(), r.unified());
        }
    }
}

package io.jrunc.cli;

import io.jrunc.cli.systemd.SystemdCgroupDriver;
import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * New containers get the driver the flags chose; an existing one gets the driver its state recorded, as runc
 * reads its manager from state.json: `delete` without --systemd-cgroup still stops a systemd-made scope.
 */
final class RecordedCgroupDriver implements CgroupDriver {
    private final CgroupDriver chosen;
    private final CgroupDriver cgroupfs;
    private final Supplier<CgroupDriver> systemd;

    /** @param systemd made only when a command needs it: without systemd its driver refuses every call */
    RecordedCgroupDriver(CgroupDriver chosen, CgroupDriver cgroupfs, Supplier<CgroupDriver> systemd) {
        this.chosen = chosen;
        this.cgroupfs = cgroupfs;
        this.systemd = systemd;
    }

    @Override
    public String name() {
        return chosen.name();
    }

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath) {
        return chosen.forNewContainer(id, cgroupsPath);
    }

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath,
                                           Map<String, String> annotations) {
        return chosen.forNewContainer(id, cgroupsPath, annotations);
    }

    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths) {
        return chosen.forExistingContainer(id, paths);
    }

    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, String recordedDriver, Map<String, String> paths) {
        CgroupDriver maker = SystemdCgroupDriver.NAME.equals(recordedDriver) ? systemd.get() : cgroupfs;
        return maker.forExistingContainer(id, paths);
    }
}

package io.jrunc.adapter.ffm;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.contract.DeviceProgramRootContract;
import java.util.List;

class FfmDeviceProgramRootTest extends DeviceProgramRootContract {
    @Override
    protected Cgroups cgroups() {
        return new FfmCgroups();
    }

    @Override
    protected List<Long> attachedIds(String cgroupDirectory) {
        int fd = FfmLibc.open(cgroupDirectory, FfmLibc.isAarch64() ? 040000 : 0200000, 0); // O_DIRECTORY
        try {
            return FfmDeviceProgram.attachedIds(fd, cgroupDirectory);
        } finally {
            FfmLibc.close(fd);
        }
    }
}

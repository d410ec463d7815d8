package io.jrunc.adapter.jna;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.contract.DeviceProgramRootContract;
import java.util.List;

class JnaDeviceProgramRootTest extends DeviceProgramRootContract {
    @Override
    protected Cgroups cgroups() {
        return new JnaCgroups();
    }

    @Override
    protected List<Long> attachedIds(String cgroupDirectory) {
        boolean aarch64 = System.getProperty("os.arch").matches("aarch64|arm64");
        int fd = JnaFileIo.open(cgroupDirectory, aarch64 ? 040000 : 0200000, 0); // O_DIRECTORY
        try {
            return JnaDeviceProgram.attachedIds(fd, cgroupDirectory);
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }
}

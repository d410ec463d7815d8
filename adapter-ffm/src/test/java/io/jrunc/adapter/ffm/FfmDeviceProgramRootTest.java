package io.jrunc.adapter.ffm;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.contract.DeviceProgramRootContract;
import io.jrunc.ports.model.DeviceProgramSwap;

class FfmDeviceProgramRootTest extends DeviceProgramRootContract {
    @Override
    protected Cgroups cgroups() {
        return new FfmCgroups();
    }

    @Override
    protected DeviceProgramSwap.Bpf bpf() {
        return new FfmDeviceProgram();
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.contract.DeviceProgramRootContract;
import io.jrunc.ports.model.DeviceProgramSwap;

class JnaDeviceProgramRootTest extends DeviceProgramRootContract {
    @Override
    protected Cgroups cgroups() {
        return new JnaCgroups();
    }

    @Override
    protected DeviceProgramSwap.Bpf bpf() {
        return new JnaDeviceProgram();
    }
}

package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.SyscallsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FfmSyscallsContractTest extends SyscallsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

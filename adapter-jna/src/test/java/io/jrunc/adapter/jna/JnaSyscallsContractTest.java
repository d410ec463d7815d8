package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.SyscallsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class JnaSyscallsContractTest extends SyscallsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

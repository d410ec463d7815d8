package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.ProcessesContract;
import io.jrunc.ports.contract.PortsUnderTest;

class JnaProcessesContractTest extends ProcessesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

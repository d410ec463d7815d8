package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.TerminalsContract;

class JnaTerminalsContractTest extends TerminalsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

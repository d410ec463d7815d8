package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.TerminalsContract;

class FfmTerminalsContractTest extends TerminalsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

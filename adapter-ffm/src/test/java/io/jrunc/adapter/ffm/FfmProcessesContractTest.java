package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.ProcessesContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FfmProcessesContractTest extends ProcessesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

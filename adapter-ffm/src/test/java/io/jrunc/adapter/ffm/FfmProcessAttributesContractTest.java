package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.ProcessAttributesContract;

class FfmProcessAttributesContractTest extends ProcessAttributesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.ProcessAttributesContract;

class JnaProcessAttributesContractTest extends ProcessAttributesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.ProcessAttributesContract;

class FakeProcessAttributesContractTest extends ProcessAttributesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

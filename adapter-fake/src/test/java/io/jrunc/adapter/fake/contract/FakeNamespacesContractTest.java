package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.NamespacesContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeNamespacesContractTest extends NamespacesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.NetworkContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeNetworkContractTest extends NetworkContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

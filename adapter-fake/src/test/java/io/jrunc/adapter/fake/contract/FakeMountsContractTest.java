package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.MountsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeMountsContractTest extends MountsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

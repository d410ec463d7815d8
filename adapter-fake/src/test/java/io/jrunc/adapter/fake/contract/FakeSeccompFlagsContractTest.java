package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.SeccompFlagsContract;

class FakeSeccompFlagsContractTest extends SeccompFlagsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

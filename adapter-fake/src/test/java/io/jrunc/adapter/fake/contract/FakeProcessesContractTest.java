package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.ProcessesContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeProcessesContractTest extends ProcessesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

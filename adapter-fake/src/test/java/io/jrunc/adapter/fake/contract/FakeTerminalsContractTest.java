package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.TerminalsContract;

class FakeTerminalsContractTest extends TerminalsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

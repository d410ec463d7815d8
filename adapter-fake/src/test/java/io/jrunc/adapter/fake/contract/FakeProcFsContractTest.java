package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.ProcFsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeProcFsContractTest extends ProcFsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

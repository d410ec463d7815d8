package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.SyscallsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeSyscallsContractTest extends SyscallsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

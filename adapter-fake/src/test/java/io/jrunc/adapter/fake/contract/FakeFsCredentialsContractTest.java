package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.FsCredentialsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeFsCredentialsContractTest extends FsCredentialsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

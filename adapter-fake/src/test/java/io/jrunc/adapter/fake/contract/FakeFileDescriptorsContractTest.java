package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.FileDescriptorsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeFileDescriptorsContractTest extends FileDescriptorsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

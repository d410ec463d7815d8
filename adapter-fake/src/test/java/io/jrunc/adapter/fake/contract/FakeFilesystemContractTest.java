package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.FilesystemContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeFilesystemContractTest extends FilesystemContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.FilesystemContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FfmFilesystemContractTest extends FilesystemContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

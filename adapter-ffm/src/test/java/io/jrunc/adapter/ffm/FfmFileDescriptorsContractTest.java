package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.FileDescriptorsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FfmFileDescriptorsContractTest extends FileDescriptorsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.FileDescriptorsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class JnaFileDescriptorsContractTest extends FileDescriptorsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

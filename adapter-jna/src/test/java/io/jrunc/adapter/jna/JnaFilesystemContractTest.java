package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.FilesystemContract;
import io.jrunc.ports.contract.PortsUnderTest;

class JnaFilesystemContractTest extends FilesystemContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

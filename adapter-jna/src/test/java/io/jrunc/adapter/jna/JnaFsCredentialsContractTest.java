package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.FsCredentialsContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class JnaFsCredentialsContractTest extends FsCredentialsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

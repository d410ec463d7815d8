package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.FsCredentialsContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class FfmFsCredentialsContractTest extends FsCredentialsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

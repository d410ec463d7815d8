package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.CredentialsContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class FfmCredentialsContractTest extends CredentialsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

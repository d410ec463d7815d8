package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.CredentialsContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class JnaCredentialsContractTest extends CredentialsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.NamespacesContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class JnaNamespacesContractTest extends NamespacesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

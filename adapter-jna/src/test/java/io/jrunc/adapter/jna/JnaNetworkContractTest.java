package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.NetworkContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class JnaNetworkContractTest extends NetworkContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

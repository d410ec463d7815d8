package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.NetworkContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class FfmNetworkContractTest extends NetworkContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

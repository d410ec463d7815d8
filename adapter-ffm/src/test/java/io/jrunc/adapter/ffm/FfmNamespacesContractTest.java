package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.NamespacesContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class FfmNamespacesContractTest extends NamespacesContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.MountsContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class JnaMountsContractTest extends MountsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

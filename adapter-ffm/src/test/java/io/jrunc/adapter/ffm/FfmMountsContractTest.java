package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.MountsContract;
import io.jrunc.ports.contract.PortsUnderTest;
import org.junit.jupiter.api.Tag;

@Tag("root")
class FfmMountsContractTest extends MountsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

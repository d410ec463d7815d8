package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.SeccompFlagsContract;

class FfmSeccompFlagsContractTest extends SeccompFlagsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

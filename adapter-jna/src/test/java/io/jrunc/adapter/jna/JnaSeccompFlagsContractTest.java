package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.contract.SeccompFlagsContract;

class JnaSeccompFlagsContractTest extends SeccompFlagsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.ProcFsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class JnaProcFsContractTest extends ProcFsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

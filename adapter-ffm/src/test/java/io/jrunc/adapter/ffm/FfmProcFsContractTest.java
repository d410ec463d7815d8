package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.ProcFsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FfmProcFsContractTest extends ProcFsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

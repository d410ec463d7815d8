package io.jrunc.adapter.ffm;

import io.jrunc.ports.contract.CgroupsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FfmCgroupsContractTest extends CgroupsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FfmPortsUnderTest();
    }
}

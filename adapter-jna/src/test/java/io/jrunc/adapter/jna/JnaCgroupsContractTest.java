package io.jrunc.adapter.jna;

import io.jrunc.ports.contract.CgroupsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class JnaCgroupsContractTest extends CgroupsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new JnaPortsUnderTest();
    }
}

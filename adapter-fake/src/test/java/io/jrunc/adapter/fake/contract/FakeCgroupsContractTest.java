package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.CgroupsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeCgroupsContractTest extends CgroupsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

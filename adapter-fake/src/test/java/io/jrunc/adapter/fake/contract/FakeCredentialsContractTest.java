package io.jrunc.adapter.fake.contract;

import io.jrunc.ports.contract.CredentialsContract;
import io.jrunc.ports.contract.PortsUnderTest;

class FakeCredentialsContractTest extends CredentialsContract {
    @Override
    protected PortsUnderTest createPorts() {
        return new FakePortsUnderTest();
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.Filesystem;
import io.jrunc.ports.contract.NodesBeneathRootContract;

class JnaNodesBeneathRootTest extends NodesBeneathRootContract {
    @Override
    protected Filesystem filesystem() {
        return new JnaFilesystem();
    }
}

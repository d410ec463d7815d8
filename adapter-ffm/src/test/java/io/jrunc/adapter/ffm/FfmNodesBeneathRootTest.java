package io.jrunc.adapter.ffm;

import io.jrunc.ports.Filesystem;
import io.jrunc.ports.contract.NodesBeneathRootContract;

class FfmNodesBeneathRootTest extends NodesBeneathRootContract {
    @Override
    protected Filesystem filesystem() {
        return new FfmFilesystem();
    }
}

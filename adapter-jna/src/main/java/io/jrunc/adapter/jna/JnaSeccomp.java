package io.jrunc.adapter.jna;

import io.jrunc.ports.Seccomp;
import io.jrunc.ports.model.SeccompFilter;

final class JnaSeccomp implements Seccomp {
    @Override
    public void load(SeccompFilter filter) {
        try (JnaSeccompContext context = JnaSeccompContext.compile(filter)) {
            context.load();
        }
    }

    @Override
    public byte[] compile(SeccompFilter filter) {
        try (JnaSeccompContext context = JnaSeccompContext.compile(filter)) {
            return context.export();
        }
    }
}

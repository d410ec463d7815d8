package io.jrunc.adapter.ffm;

import io.jrunc.ports.Seccomp;
import io.jrunc.ports.model.SeccompFilter;

/** Compiles the filter with libseccomp and loads it on the calling thread. */
final class FfmSeccomp implements Seccomp {
    @Override
    public void load(SeccompFilter filter) {
        try (FfmSeccompProgram program = FfmSeccompProgram.compile(filter)) {
            program.load();
        }
    }

    @Override
    public byte[] compile(SeccompFilter filter) {
        try (FfmSeccompProgram program = FfmSeccompProgram.compile(filter)) {
            return program.export();
        }
    }
}

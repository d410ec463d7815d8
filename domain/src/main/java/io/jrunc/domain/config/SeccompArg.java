package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

/** A syscall argument comparison; value and valueTwo are uint64 held as unsigned longs. */
public record SeccompArg(long index, long value, long valueTwo, SeccompOperator op) {
    public SeccompArg {
        requireNonNull(op, "op");
    }
}

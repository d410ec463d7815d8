package io.jrunc.domain.archfixture;

import java.lang.foreign.Arena;

/** Breaks: java.lang.foreign is for the FFM adapter only (and would pass the domain's java.lang.. allowance). */
final class DomainUsingForeignMemory {
    long allocate() {
        try (Arena arena = Arena.ofConfined()) {
            return arena.allocate(8).byteSize();
        }
    }
}

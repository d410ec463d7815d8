package io.jrunc.adapter.ffm.archfixture;

import java.lang.foreign.Linker;

/** Keeps every rule: the FFM adapter may use java.lang.foreign, and its libc binding is named LibC. */
final class LibC {
    static final Linker LINKER = Linker.nativeLinker();
}

package io.jrunc.cli.archfixture;

import com.sun.jna.Pointer;

/** Breaks: JNA types stay in the JNA adapter. */
final class CliUsingJna {
    Pointer leaked;
}

package io.jrunc.ports.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What execve(2) takes of a program's argv and envp: their strings, each with its NUL, and a pointer to each,
 * count against one limit, which is at most {@link #MAX_BYTES} whatever RLIMIT_STACK says (three quarters of
 * the kernel's 8 MiB stack limit, _STK_LIM, since Linux 4.13; a quarter of RLIMIT_STACK where that is less).
 * Arguments beyond it can start no program, so nothing larger ever needs to reach the container's init.
 */
public final class ExecArguments {
    /** The most bytes execve(2) takes, strings and pointers together. */
    public static final int MAX_BYTES = 6 << 20;
    /** A string costs execve at least this much: its NUL and its pointer. */
    public static final int LEAST_PER_STRING = 1 + Long.BYTES;

    private ExecArguments() {
    }

    /** The bytes {@code args} and {@code env} take of execve's limit. */
    public static long size(List<String> args, List<String> env) {
        long size = 0;
        for (String s : args) {
            size += s.getBytes(StandardCharsets.UTF_8).length + LEAST_PER_STRING;
        }
        for (String s : env) {
            size += s.getBytes(StandardCharsets.UTF_8).length + LEAST_PER_STRING;
        }
        return size;
    }

    /** The same, with the program's path, which the kernel copies in too. */
    public static long size(String program, List<String> args, List<String> env) {
        return program.getBytes(StandardCharsets.UTF_8).length + 1 + size(args, env);
    }
}

package io.jrunc.ports.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A program to run to its end, as a runtime runs an OCI hook: {@code stdin} is all it reads on fd 0, what it
 * writes on fds 1 and 2 is kept, and it gets no other fd. Past {@code timeout} it is killed.
 *
 * @param cwd its working directory; empty: the caller's
 */
public record ProgramRun(String executable, List<String> argv, List<String> env, Optional<String> cwd,
                         byte[] stdin, Optional<Duration> timeout) {
    public ProgramRun {
        Objects.requireNonNull(executable, "executable");
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        Objects.requireNonNull(cwd, "cwd");
        stdin = stdin.clone();
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProgramRun r && executable.equals(r.executable) && argv.equals(r.argv)
                && env.equals(r.env) && cwd.equals(r.cwd) && java.util.Arrays.equals(stdin, r.stdin)
                && timeout.equals(r.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(executable, argv, env, cwd, java.util.Arrays.hashCode(stdin), timeout);
    }

    @Override
    public String toString() {
        return "ProgramRun[" + executable + " " + argv + ", env=" + env + ", cwd=" + cwd + ", stdin="
                + stdin.length + " bytes, timeout=" + timeout + "]";
    }
}

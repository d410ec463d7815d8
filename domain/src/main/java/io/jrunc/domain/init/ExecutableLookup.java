package io.jrunc.domain.init;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds args[0] as runc's init does with Go's exec.LookPath before execve: a name with a slash is checked as it
 * is, any other is looked for on the container's PATH. A failure reads as Go words it, which engines match on
 * (Docker maps "executable file not found" and "no such file or directory" to exit status 127).
 */
final class ExecutableLookup {
    /** What runc falls back to when the process has no PATH. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ExecutableLookup() {
    }

    /** @param check throws the errno that says why a path may not be executed ({@code InitProcess#checkExecutable}) */
    static String resolve(String name, List<String> env, Consumer<String> check) {
        if (name.contains("/")) {
            try {
                check.accept(name);
            } catch (SyscallException e) {
                throw refusal(name, e);
            }
            return name;
        }
        for (String dir : path(env).split(":")) {
            String candidate = (dir.isEmpty() ? "." : dir) + "/" + name;
            try {
                check.accept(candidate);
                return candidate;
            } catch (SyscallException e) {
                if (e.errno() == Errno.EPIPE) {
                    throw e; // the init is gone, which is no answer about the file
                }
            }
        }
        throw SyscallException.refusal("exec", Errno.ENOENT,
                "exec: \"" + name + "\": executable file not found in $PATH");
    }

    /** Go's words (as runc 1.1 has them): the stat error with its path, else "permission denied", a directory too. */
    private static SyscallException refusal(String name, SyscallException e) {
        if (e.errno() == Errno.EPIPE) {
            return e;
        }
        String why = switch (e.errno()) {
            case EISDIR, EACCES -> "permission denied";
            default -> "stat " + name + ": " + e.errno().description();
        };
        return SyscallException.refusal("exec", e.errno(), "exec: \"" + name + "\": " + why);
    }

    private static String path(List<String> env) {
        for (int i = env.size() - 1; i >= 0; i--) {
            if (env.get(i).startsWith("PATH=")) {
                return env.get(i).substring("PATH=".length());
            }
        }
        return DEFAULT_PATH;
    }
}

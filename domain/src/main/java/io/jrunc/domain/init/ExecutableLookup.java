package io.jrunc.domain.init;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.List;
import java.util.function.Predicate;

/** Finds args[0] on the container's PATH, as runc's init does with exec.LookPath before execve. */
final class ExecutableLookup {
    /** What runc falls back to when the process has no PATH. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ExecutableLookup() {
    }

    static String resolve(String name, List<String> env, Predicate<String> mayExecute) {
        if (name.contains("/")) {
            return name;
        }
        for (String dir : path(env).split(":")) {
            String candidate = (dir.isEmpty() ? "." : dir) + "/" + name;
            if (mayExecute.test(candidate)) {
                return candidate;
            }
        }
        throw new SyscallException("exec", Errno.ENOENT, "\"" + name + "\": executable file not found in $PATH");
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

package io.jrunc.domain.runtime;

import io.jrunc.ports.model.WindowSize;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The user process the container runs, as its init will exec it.
 *
 * @param preservedFds how many fds from 3 up the process keeps (runc's --preserve-fds, plus $LISTEN_FDS)
 * @param consoleSize  process.consoleSize for its terminal; empty when the config gives none or a zero side (runc
 *                     then leaves the new pty's size as the kernel makes it)
 */
public record ProcessSpec(List<String> args, List<String> env, String cwd, int uid, int gid,
                          List<Integer> additionalGids, OptionalInt umask, boolean noNewPrivileges,
                          boolean terminal, CapabilitySets capabilities, int preservedFds,
                          Optional<WindowSize> consoleSize) {
    public ProcessSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        additionalGids = List.copyOf(additionalGids);
    }

    /** A process with no console size of its own. */
    public ProcessSpec(List<String> args, List<String> env, String cwd, int uid, int gid, List<Integer> additionalGids,
                       OptionalInt umask, boolean noNewPrivileges, boolean terminal, CapabilitySets capabilities,
                       int preservedFds) {
        this(args, env, cwd, uid, gid, additionalGids, umask, noNewPrivileges, terminal, capabilities, preservedFds,
                Optional.empty());
    }

    /** The same process with another environment (the init adds HOME where the config has none). */
    public ProcessSpec withEnv(List<String> newEnv) {
        return new ProcessSpec(args, newEnv, cwd, uid, gid, additionalGids, umask, noNewPrivileges, terminal,
                capabilities, preservedFds, consoleSize);
    }
}

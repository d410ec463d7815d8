package io.jrunc.domain.runtime;

import java.util.List;
import java.util.OptionalInt;

/**
 * The user process the container runs, as its init will exec it.
 *
 * @param preservedFds how many fds from 3 up the process keeps (runc's --preserve-fds, plus $LISTEN_FDS)
 */
public record ProcessSpec(List<String> args, List<String> env, String cwd, int uid, int gid,
                          List<Integer> additionalGids, OptionalInt umask, boolean noNewPrivileges,
                          boolean terminal, CapabilitySets capabilities, int preservedFds) {
    public ProcessSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        additionalGids = List.copyOf(additionalGids);
    }

    /** The same process with another environment (the init adds HOME where the config has none). */
    public ProcessSpec withEnv(List<String> newEnv) {
        return new ProcessSpec(args, newEnv, cwd, uid, gid, additionalGids, umask, noNewPrivileges, terminal,
                capabilities, preservedFds);
    }
}

package io.jrunc.domain.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * How to start our own init program (jrunc re-executed as {@code jrunc init}, as runc re-executes itself
 * as {@code runc init}): the binary, the arguments before "init", and its environment.
 */
public record InitCommand(String executable, List<String> argvPrefix, List<String> env) {
    public InitCommand {
        argvPrefix = List.copyOf(argvPrefix);
        env = List.copyOf(env);
    }

    /** The full argv of one init. */
    public List<String> argv(InitRequest request, int fifoFd, int syncFd) {
        List<String> argv = new ArrayList<>(argvPrefix);
        argv.add("init");
        argv.add("--bundle=" + request.bundle());
        argv.add("--state-dir=" + request.stateDirectory());
        if (request.config().rootfs().noPivot()) {
            argv.add("--no-pivot");
        }
        if (request.config().process().preservedFds() > 0) {
            argv.add("--preserve-fds=" + request.config().process().preservedFds());
        }
        argv.add("--fifo-fd=" + fifoFd);
        argv.add("--sync-fd=" + syncFd);
        return argv;
    }
}

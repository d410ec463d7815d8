package io.jrunc.domain.lifecycle;

/**
 * The seccomp agent at a container's listenerPath, as runc speaks to it: one connection, the container's process
 * state as JSON with the filter's notify fd attached (SCM_RIGHTS), then closed. An agent written for runc works
 * unchanged.
 */
public interface SeccompAgent {
    /**
     * Connects to the agent of {@code request}'s listener and prepares the state of its init {@code pid}. Called on
     * the runtime's own thread, in the host's root, where listenerPath is: the init thread that later receives the
     * notify fd has switched to the container's root by then. A refusal is a
     * {@link io.jrunc.ports.model.SyscallException} in runc's words.
     */
    Connection connect(InitRequest request, int pid);

    /** One agent's connection, used once. */
    interface Connection extends AutoCloseable {
        /** Sends the state with {@code notifyFd} (the runtime's copy, which the caller closes) attached. */
        void handOver(int notifyFd);

        @Override
        void close();
    }

    /** Where no agent can be reached: every connection is refused. */
    SeccompAgent NONE = (request, pid) -> {
        throw io.jrunc.ports.model.SyscallException.refusal("connect", io.jrunc.ports.model.Errno.ECONNREFUSED,
                "no seccomp agent can be reached from this runtime");
    };
}

package io.jrunc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.JsonTrees;
import io.jrunc.domain.lifecycle.InitRequest;
import io.jrunc.domain.lifecycle.SeccompAgent;
import io.jrunc.domain.lifecycle.SeccompListener;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.SyscallException;
import java.util.Map;

/**
 * The seccomp agent at listenerPath, spoken to as runc speaks to it (runtime-spec's ContainerProcessState): one
 * connection, one message of JSON {ociVersion, fds: ["seccompFd"], pid, metadata, state: {ociVersion, id, status,
 * pid, bundle, annotations}} with the notify fd attached to it (SCM_RIGHTS), then closed. The state's status is
 * "creating": the init has not reached the wait for start yet.
 */
final class SeccompAgentSocket implements SeccompAgent {
    /** runtime-spec's name of the fd in "fds", the one the message carries. */
    static final String SECCOMP_FD_NAME = "seccompFd";

    private final FileDescriptors fds;

    SeccompAgentSocket(FileDescriptors fds) {
        this.fds = fds;
    }

    @Override
    public Connection connect(InitRequest request, int pid) {
        SeccompListener listener = request.seccompListener().orElseThrow(() ->
                new IllegalStateException("a notifying filter without a listener passed the validation"));
        byte[] message = JsonTrees.write(state(request, listener, pid), null);
        int socket;
        try {
            socket = fds.connectUnix(listener.path());
        } catch (SyscallException e) {
            // runc's words.
            throw SyscallException.refusal("connect", e.errno(), "failed to connect with seccomp agent specified in "
                    + "the seccomp profile: dial unix " + listener.path() + ": connect: " + e.errno().description());
        }
        return new Connection() {
            @Override
            public void handOver(int notifyFd) {
                try {
                    fds.sendFd(socket, message, notifyFd);
                } catch (SyscallException e) {
                    throw SyscallException.refusal("sendmsg", e.errno(), "cannot send seccomp fd to "
                            + listener.path() + ": " + e.errno().description());
                }
            }

            @Override
            public void close() {
                fds.close(socket);
            }
        };
    }

    static ObjectNode state(InitRequest request, SeccompListener listener, int pid) {
        ObjectNode n = JsonTrees.NODES.objectNode();
        n.put("ociVersion", VersionProvider.SPEC);
        n.putArray("fds").add(SECCOMP_FD_NAME);
        n.put("pid", pid);
        n.put("metadata", listener.metadata());
        ObjectNode state = n.putObject("state");
        state.put("ociVersion", VersionProvider.SPEC);
        state.put("id", request.id().value());
        state.put("status", "creating");
        state.put("pid", pid);
        state.put("bundle", request.bundle());
        if (!request.annotations().isEmpty()) {
            ObjectNode a = state.putObject("annotations");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(request.annotations()).entrySet()) {
                a.put(e.getKey(), e.getValue());
            }
        }
        return n;
    }
}

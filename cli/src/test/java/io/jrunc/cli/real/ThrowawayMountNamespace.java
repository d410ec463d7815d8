package io.jrunc.cli.real;

import io.jrunc.ports.Mounts;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * A mount namespace of the test's own, made for one piece of work on a thread that enters it first: jrunc run
 * there takes it for its caller's (its threads inherit it), and the host's is out of reach.
 */
final class ThrowawayMountNamespace {
    private ThrowawayMountNamespace() {
    }

    /** Runs {@code work} in a new mount namespace, its mounts as the test's own namespace has them. */
    static <T> T run(String backend, Callable<T> work) throws Exception {
        return run(backend, Set.of(), work);
    }

    /**
     * Runs {@code work} in a new mount namespace whose "/" is first given {@code rootPropagation} recursively
     * (MS_SHARED: every mount a peer group of its own, so a container's slave mounts show a master).
     */
    static <T> T run(String backend, Set<MountFlag> rootPropagation, Callable<T> work) throws Exception {
        var ports = Backends.ports(backend);
        Namespaces namespaces = ports.getInstance(Namespaces.class);
        Mounts mounts = ports.getInstance(Mounts.class);
        FutureTask<T> task = new FutureTask<>(() -> {
            namespaces.unshare(Set.of(Namespace.MOUNT));
            if (!rootPropagation.isEmpty()) {
                java.util.EnumSet<MountFlag> flags = java.util.EnumSet.copyOf(rootPropagation);
                flags.add(MountFlag.MS_REC);
                mounts.mount(MountRequest.propagation("/", flags));
            }
            return work.call();
        });
        Thread thread = new Thread(task, "throwaway-mount-namespace");
        thread.start();
        return task.get();
    }
}

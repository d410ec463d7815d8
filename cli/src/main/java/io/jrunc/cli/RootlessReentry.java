package io.jrunc.cli;

import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Namespace;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.lifecycle.RootlessEntry;
import io.jrunc.domain.runtime.IdMappings;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * create and run by an unprivileged user (docs/architecture.md, "Rootless"): checked as runc checks a rootless
 * config, then carried out by this same command run again as root of the container's user namespace
 * ({@link RootlessEntry}), which this one waits for and whose exit status it ends with.
 */
final class RootlessReentry {
    /** Set in the command run again: the state root it must use, and the mark that it runs inside. */
    static final String ENTERED = "_JRUNC_ROOTLESS_ROOT";
    /** Set there too: the user who ran the command, the container's owner (inside, this runtime's user is root). */
    static final String OWNER = "_JRUNC_ROOTLESS_OWNER";

    private RootlessReentry() {
    }

    /** Whether this is the command run again inside the container's user namespace. */
    static boolean entered() {
        return System.getenv(ENTERED) != null;
    }

    /** The container's owner: the user who ran create, whichever runtime carries it out. */
    static String owner() {
        String outside = System.getenv(OWNER);
        return outside != null && entered() ? outside : System.getProperty("user.name", "");
    }

    /** The state root the command that ran this one again chose. */
    static Optional<Path> enteredRoot() {
        return Optional.ofNullable(System.getenv(ENTERED)).filter(s -> !s.isEmpty()).map(Path::of);
    }

    /**
     * Empty when this create runs here (root, a dry run, or already inside); else an error in runc's words, or the
     * exit status of the command run again inside the user namespace.
     */
    static Optional<Outcome> ifNeeded(ContainerCommand command, LoadedBundle loaded, int passedFds) {
        RootlessHost host = command.root.host();
        if (entered() || host.euid() == 0 || command.runtime().backend() == Backend.FAKE) {
            return Optional.empty();
        }
        Optional<Linux> linux = loaded.spec().linux();
        Optional<Namespace> userns = linux.flatMap(l -> l.namespace(NamespaceType.USER));
        // runc's rootless validation, in its words.
        if (userns.isEmpty()) {
            return Optional.of(new Outcome("rootless container requires user namespaces", 0));
        }
        if (linux.get().uidMappings().isEmpty()) {
            return Optional.of(new Outcome("rootless containers requires at least one UID mapping", 0));
        }
        if (linux.get().gidMappings().isEmpty()) {
            return Optional.of(new Outcome("rootless containers requires at least one GID mapping", 0));
        }
        var mounts = loaded.config().rootfs().mounts();
        for (int i = 0; i < mounts.size(); i++) {
            // mount_setattr(MOUNT_ATTR_IDMAP) takes CAP_SYS_ADMIN over the filesystem's own user namespace (the
            // host's): runc refuses them for a rootless container up front.
            if (mounts.get(i).idmap().isPresent()) {
                return Optional.of(new Outcome("mounts[" + i + "]: id-mapped mounts are not supported for rootless"
                        + " containers", 0));
            }
        }
        if (!loaded.config().process().additionalGids().isEmpty()) {
            return Optional.of(new Outcome("cannot set any additional groups in a rootless container", 0));
        }
        IdMappings ids = new IdMappings(linux.get().uidMappings(), linux.get().gidMappings());
        Optional<String> joined = userns.get().path();
        if (joined.isPresent()) {
            // A pod's: the sandbox's user namespace, joined by path, owns the namespaces made inside it.
            return Optional.of(inside(command, passedFds, (entry, c) -> entry.join(joined.get(), ids, c)));
        }
        return Optional.of(inside(command, passedFds, (entry, c) -> entry.enter(ids, host.euid(), host.egid(), c)));
    }

    /**
     * exec by an unprivileged user: it may not join the namespaces the container's user namespace owns from
     * outside it (setns checks CAP_SYS_ADMIN in the caller's own user namespace too), so this command is run again
     * as root of that namespace, where it may. Empty when exec runs here.
     */
    static Optional<Outcome> execIfNeeded(ContainerCommand command, int initPid, int passedFds) {
        if (entered() || initPid <= 0 || command.root.host().euid() == 0
                || command.runtime().backend() == Backend.FAKE) {
            return Optional.empty();
        }
        return Optional.of(inside(command, passedFds, (entry, c) -> entry.join("/proc/" + initPid + "/ns/user", c)));
    }

    private interface Start {
        int start(RootlessEntry entry, RootlessEntry.Command command);
    }

    /** This command again, started inside by {@code start}; waited for, what a terminal sends passed on. */
    private static Outcome inside(ContainerCommand command, int passedFds, Start start) {
        Runtime runtime = command.runtime();
        RootlessEntry entry = new RootlessEntry(runtime.get(Processes.class), runtime.get(FileDescriptors.class),
                runtime.get(ProcFs.class), InitProgram.path(),
                Map.of("newuidmap", helper("newuidmap"), "newgidmap", helper("newgidmap")));
        Map<String, String> env = new java.util.TreeMap<>(System.getenv());
        env.put(ENTERED, command.root.root().toAbsolutePath().toString());
        env.put(OWNER, System.getProperty("user.name", ""));
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        int pid;
        try {
            pid = start.start(entry, new RootlessEntry.Command(javaBinary(), ownCommandLine(), envList,
                    System.getProperty("user.dir"), 3 + passedFds));
        } catch (SyscallException e) {
            return new Outcome(e.getMessage(), 0);
        }
        Processes processes = runtime.get(Processes.class);
        // The runtime inside is in a session of its own: what a terminal sends to ours goes on to it.
        SignalForwarding.forward(sig -> processes.kill(pid, sig));
        ExitStatus status = processes.waitFor(pid);
        return new Outcome(null, status.signaled() ? 128 + status.signal() : status.code());
    }

    /** An error to report, or (message null) the exit status of the command run inside. */
    record Outcome(String error, int code) {
    }

    private static String helper(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return "/usr/bin/" + name;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs jrunc"));
    }

    /** Exactly what this JVM was started with (the launcher's flags and its record of the passed fds included). */
    private static List<String> ownCommandLine() {
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(List.of(cmdline.split("\0", -1)));
            if (!argv.isEmpty() && argv.get(argv.size() - 1).isEmpty()) {
                argv.remove(argv.size() - 1);
            }
            return argv;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read this runtime's command line", e);
        }
    }
}

package io.jrunc.domain.lifecycle;

import io.jrunc.domain.config.IdMapping;
import io.jrunc.domain.runtime.IdMappings;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ProgramResult;
import io.jrunc.ports.model.ProgramRun;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The way in for an unprivileged user's container (docs/architecture.md, "Rootless"): such a runtime cannot join
 * the namespaces its container's user namespace owns (setns to a mount namespace takes CAP_SYS_ADMIN in the
 * caller's own user namespace, and no JVM thread can enter a user namespace), so the runtime itself goes in.
 * jrunc-init, single-threaded, makes the user namespace; this runtime writes its maps (through newuidmap and
 * newgidmap for any range but its own ids); the init becomes the namespace's root and execs the runtime's command
 * again, which then runs as root of the container's user namespace, as rootless podman runs a runtime.
 */
public final class RootlessEntry {
    private final Processes processes;
    private final FileDescriptors fds;
    private final ProcFs proc;
    private final String program;
    private final Map<String, String> helpers;

    /**
     * @param program jrunc-init's path on the host
     * @param helpers "newuidmap" and "newgidmap" to their paths on the host (never looked up in a caller's PATH)
     */
    public RootlessEntry(Processes processes, FileDescriptors fds, ProcFs proc, String program,
                         Map<String, String> helpers) {
        this.processes = processes;
        this.fds = fds;
        this.proc = proc;
        this.program = program;
        this.helpers = Map.copyOf(helpers);
    }

    /** What the runtime is run again as, and with what. */
    public record Command(String executable, List<String> argv, List<String> env, String cwd, int keep) {
        public Command {
            argv = List.copyOf(argv);
            env = List.copyOf(env);
        }
    }

    /**
     * Starts {@code command} as root of a new user namespace with {@code ids}, for a caller whose effective ids are
     * {@code euid}/{@code egid}; returns its pid, which the caller waits for. {@code env} gets
     * {@code LISTEN_PID} rewritten to that pid where it named the caller's, so passed sockets stay passed.
     */
    public int enter(IdMappings ids, long euid, long egid, Command command) {
        return start(command, (stage, pid) -> {
            stage.unshareUserNamespace();
            // The init is not dumpable, so its /proc files are host root's: this unprivileged runtime (and
            // newuidmap, which checks the caller owns the process) could not open its maps. runc's nsexec does
            // the same.
            stage.dumpable(true);
            writeMap(pid, "uid_map", "newuidmap", ids.uids(), euid);
            writeMap(pid, "gid_map", "newgidmap", ids.gids(), egid);
        });
    }

    /** Starts {@code command} as root of the existing user namespace at {@code path} (an exec's container's). */
    public int join(String path, Command command) {
        return start(command, (stage, pid) -> stage.joinUserNamespace(path));
    }

    /**
     * Starts {@code command} as root of the existing user namespace at {@code path}, which a container joins by
     * path; the config's mappings {@code ids} must be the namespace's own, as for root.
     */
    public int join(String path, IdMappings ids, Command command) {
        return start(command, (stage, pid) -> {
            stage.joinUserNamespace(path);
            UserNamespaceEntry.sameRanges("linux.uidMappings", ids.uidMap(), stage.readOwn("uid_map"));
            UserNamespaceEntry.sameRanges("linux.gidMappings", ids.gidMap(), stage.readOwn("gid_map"));
        });
    }

    private interface Into {
        void enter(NativeInitStage stage, int pid);
    }

    private int start(Command command, Into into) {
        List<Integer> inherited = new ArrayList<>();
        for (int fd = 0; fd < command.keep(); fd++) {
            inherited.add(fd);
        }
        SpawnedStage spawned = SpawnedStage.spawn(processes, fds, program, inherited, "rootless");
        int pid = spawned.pid();
        try {
            into.enter(spawned.stage(), pid);
            spawned.stage().setresgid(0, 0, 0);
            spawned.stage().setresuid(0, 0, 0);
            spawned.stage().chdir(command.cwd());
            spawned.stage().execNow(command.executable(), command.argv(), withListenPid(command.env(), pid),
                    command.keep());
            return pid;
        } catch (RuntimeException e) {
            spawned.stage().close();
            InitTermination.killAndAwait(processes, pid);
            throw e;
        }
    }

    /**
     * The caller's own id alone it may map itself (gid_map only once setgroups is "deny", as the kernel wants of
     * an unprivileged writer); any other range takes the setuid helper that checks /etc/subuid and /etc/subgid.
     */
    private void writeMap(int pid, String file, String helper, List<IdMapping> ranges, long own) {
        if (ranges.size() == 1 && ranges.get(0).size() == 1 && ranges.get(0).hostID() == own) {
            if (file.equals("gid_map")) {
                proc.write(pid, "setgroups", "deny");
            }
            proc.write(pid, file, ranges.get(0).containerID() + " " + own + " 1\n");
            return;
        }
        List<String> argv = new ArrayList<>(List.of(helper, Integer.toString(pid)));
        for (IdMapping r : ranges) {
            argv.add(Long.toString(r.containerID()));
            argv.add(Long.toString(r.hostID()));
            argv.add(Long.toString(r.size()));
        }
        ProgramResult result;
        try {
            result = processes.run(new ProgramRun(helperPath(helper), argv, List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin"),
                    Optional.empty(), new byte[0], Optional.of(java.time.Duration.ofSeconds(10))));
        } catch (SyscallException e) {
            throw SyscallException.refusal(helper, e.errno(), "rootless container needs " + helper
                    + " (package uidmap) to map " + ranges.size() + " range(s) of " + file + ": " + e.getMessage());
        }
        if (!result.succeeded()) {
            throw SyscallException.refusal(helper, Errno.EPERM, "failed to use " + helper + " on " + pid + ": "
                    + (result.stderr().strip().isEmpty() ? result.status().toString() : result.stderr().strip()));
        }
    }

    private String helperPath(String helper) {
        return helpers.getOrDefault(helper, "/usr/bin/" + helper);
    }

    /** Sockets passed to this runtime (LISTEN_PID its pid) are passed on to the runtime it becomes. */
    private List<String> withListenPid(List<String> env, int pid) {
        String ours = "LISTEN_PID=" + processes.self();
        List<String> out = new ArrayList<>(env.size());
        for (String e : env) {
            out.add(e.equals(ours) ? "LISTEN_PID=" + pid : e);
        }
        return out;
    }
}

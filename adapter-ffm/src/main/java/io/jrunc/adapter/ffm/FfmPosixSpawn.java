package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jrunc.ports.model.SpawnRequest;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.TreeSet;

/**
 * glibc's posix_spawn(3). Unlike fork, its clone(CLONE_VM|CLONE_VFORK) works on a thread that unshared
 * CLONE_NEWPID and can no longer start threads, and it never runs Java code in the child.
 */
final class FfmPosixSpawn {
    /** glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on LP64; room to spare. */
    private static final long FILE_ACTIONS_SIZE = 256;
    private static final long ATTR_SIZE = 1024;
    private static final long SIGSET_SIZE = 128;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    private FfmPosixSpawn() {
    }

    private static final class posix_spawn {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawn", 6);
    }

    private static final class file_actions_init {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawn_file_actions_init", 1);
    }

    private static final class file_actions_destroy {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawn_file_actions_destroy", 1);
    }

    private static final class file_actions_adddup2 {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawn_file_actions_adddup2", 3);
    }

    private static final class file_actions_addclose {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawn_file_actions_addclose", 2);
    }

    private static final class file_actions_addclosefrom_np {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawn_file_actions_addclosefrom_np", 2);
    }

    private static final class file_actions_addchdir_np {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawn_file_actions_addchdir_np", 2);
    }

    private static final class spawnattr_init {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawnattr_init", 1);
    }

    private static final class spawnattr_destroy {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawnattr_destroy", 1);
    }

    private static final class spawnattr_setflags {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawnattr_setflags", 2);
    }

    private static final class spawnattr_setsigmask {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawnattr_setsigmask", 2);
    }

    private static final class spawnattr_setsigdefault {
        static final FfmFunction FUNCTION = FfmFunction.of("posix_spawnattr_setsigdefault", 2);
    }

    private static final class sigemptyset {
        static final FfmFunction FUNCTION = FfmFunction.of("sigemptyset", 1);
    }

    /** Spawns the request's program in the calling thread's namespaces; returns its pid. */
    static int spawn(SpawnRequest request) {
        return spawn(request.executable(), request.argv(), request.env(), (calls, actions) ->
                keepOnly(calls, actions, request.inheritedFds()));
    }

    /**
     * Spawns a program to run with our {@code stdin}, {@code stdout} and {@code stderr} as its 0, 1 and 2, every
     * other fd closed, from the run's cwd (glibc 2.29+'s addchdir_np: the chdir happens in the child alone).
     */
    static int spawn(io.jrunc.ports.model.ProgramRun run, int stdin, int stdout, int stderr) {
        return spawn(run.executable(), run.argv(), run.env(), (calls, actions) -> {
            calls.check(file_actions_adddup2.FUNCTION, "stdin", actions.address(), stdin, 0);
            calls.check(file_actions_adddup2.FUNCTION, "stdout", actions.address(), stdout, 1);
            calls.check(file_actions_adddup2.FUNCTION, "stderr", actions.address(), stderr, 2);
            calls.check(file_actions_addclosefrom_np.FUNCTION, "3", actions.address(), 3);
            if (run.cwd().isPresent()) {
                try (Arena arena = Arena.ofConfined()) {
                    // The action keeps its own copy of the path.
                    calls.check(file_actions_addchdir_np.FUNCTION, run.cwd().get(), actions.address(),
                            FfmLibc.cStringAddress(arena, run.cwd().get()));
                }
            }
        });
    }

    private interface FileActions {
        void add(Calls calls, MemorySegment actions) throws Throwable;
    }

    private static int spawn(String executable, List<String> argv, List<String> env, FileActions fileActions) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
            Calls calls = new Calls(FfmLibc.errnoState(arena));
            calls.check(file_actions_init.FUNCTION, "", actions.address());
            try {
                calls.check(spawnattr_init.FUNCTION, "", attr.address());
                try {
                    fileActions.add(calls, actions);
                    resetSignals(calls, arena, attr);
                    MemorySegment pid = arena.allocate(JAVA_INT);
                    int rc = calls.call(posix_spawn.FUNCTION, pid.address(),
                            FfmLibc.cStringAddress(arena, executable), actions.address(), attr.address(),
                            FfmLibc.cStringArray(arena, argv).address(),
                            FfmLibc.cStringArray(arena, env).address());
                    FfmLibc.checkReturned(rc, "posix_spawn", executable);
                    return pid.get(JAVA_INT, 0);
                } finally {
                    calls.call(spawnattr_destroy.FUNCTION, attr.address());
                }
            } finally {
                calls.call(file_actions_destroy.FUNCTION, actions.address());
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("posix_spawn: native call failed", t);
        }
    }

    /**
     * The child keeps exactly the inherited fds under their numbers. dup2(fd, fd) as a spawn action clears
     * FD_CLOEXEC (glibc 2.29+, POSIX issue 8), so an fd the JVM opened close-on-exec survives the exec; the
     * gaps between them are closed one by one and everything above them at once.
     */
    private static void keepOnly(Calls calls, MemorySegment actions, List<Integer> inheritedFds) throws Throwable {
        TreeSet<Integer> keep = new TreeSet<>(inheritedFds);
        for (int fd : keep) {
            calls.check(file_actions_adddup2.FUNCTION, String.valueOf(fd), actions.address(), fd, fd);
        }
        int highest = keep.isEmpty() ? -1 : keep.last();
        for (int fd = 0; fd < highest; fd++) {
            if (!keep.contains(fd)) {
                calls.check(file_actions_addclose.FUNCTION, String.valueOf(fd), actions.address(), fd);
            }
        }
        calls.check(file_actions_addclosefrom_np.FUNCTION, String.valueOf(highest + 1), actions.address(), highest + 1);
    }

    /**
     * The JVM's signal handlers and masks are its own business: the child starts with defaults. The set of
     * signals to default is filled by hand: sigfillset leaves out glibc's own signals 32 and 33, which
     * posix_spawn then sets to SIG_IGN, and an ignored signal stays ignored across execve, for the
     * container's whole process tree.
     */
    private static void resetSignals(Calls calls, Arena arena, MemorySegment attr) throws Throwable {
        MemorySegment empty = arena.allocate(SIGSET_SIZE, 8);
        MemorySegment all = arena.allocate(SIGSET_SIZE, 8).fill((byte) 0xff);
        calls.call(sigemptyset.FUNCTION, empty.address());
        calls.check(spawnattr_setsigmask.FUNCTION, "", attr.address(), empty.address());
        calls.check(spawnattr_setsigdefault.FUNCTION, "", attr.address(), all.address());
        calls.check(spawnattr_setflags.FUNCTION, "", attr.address(), POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    }

    /** posix_spawn and its helpers return the error number rather than setting errno. */
    private record Calls(MemorySegment errnoState) {
        int call(FfmFunction function, long... args) throws Throwable {
            return (int) function.invoke(errnoState, args);
        }

        void check(FfmFunction function, String detail, long... args) throws Throwable {
            FfmLibc.checkReturned(call(function, args), function.name(), detail);
        }
    }
}

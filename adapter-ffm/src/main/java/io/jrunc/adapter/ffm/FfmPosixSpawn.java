package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.ports.model.SpawnRequest;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
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

    private static MethodHandle returnsError(String name, FunctionDescriptor descriptor) {
        return FfmLibc.plainDowncall(Linker.nativeLinker().defaultLookup(), name, descriptor);
    }

    private static final class posix_spawn {
        static final MethodHandle HANDLE = returnsError("posix_spawn",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }

    private static final class file_actions_init {
        static final MethodHandle HANDLE = returnsError("posix_spawn_file_actions_init",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class file_actions_destroy {
        static final MethodHandle HANDLE = returnsError("posix_spawn_file_actions_destroy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class file_actions_adddup2 {
        static final MethodHandle HANDLE = returnsError("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class file_actions_addclose {
        static final MethodHandle HANDLE = returnsError("posix_spawn_file_actions_addclose",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class file_actions_addclosefrom_np {
        static final MethodHandle HANDLE = returnsError("posix_spawn_file_actions_addclosefrom_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class spawnattr_init {
        static final MethodHandle HANDLE = returnsError("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class spawnattr_destroy {
        static final MethodHandle HANDLE = returnsError("posix_spawnattr_destroy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class spawnattr_setflags {
        static final MethodHandle HANDLE = returnsError("posix_spawnattr_setflags",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    }

    private static final class spawnattr_setsigmask {
        static final MethodHandle HANDLE = returnsError("posix_spawnattr_setsigmask",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class spawnattr_setsigdefault {
        static final MethodHandle HANDLE = returnsError("posix_spawnattr_setsigdefault",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class sigemptyset {
        static final MethodHandle HANDLE = returnsError("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    /** Spawns the request's program in the calling thread's namespaces; returns its pid. */
    static int spawn(SpawnRequest request) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
            FfmLibc.checkReturned((int) file_actions_init.HANDLE.invokeExact(actions), "posix_spawn_file_actions_init", "");
            try {
                FfmLibc.checkReturned((int) spawnattr_init.HANDLE.invokeExact(attr), "posix_spawnattr_init", "");
                try {
                    keepOnly(actions, request.inheritedFds());
                    resetSignals(arena, attr);
                    MemorySegment pid = arena.allocate(JAVA_INT);
                    int rc = (int) posix_spawn.HANDLE.invokeExact(pid, FfmLibc.cString(arena, request.executable()),
                            actions, attr, FfmLibc.cStringArray(arena, request.argv()),
                            FfmLibc.cStringArray(arena, request.env()));
                    FfmLibc.checkReturned(rc, "posix_spawn", request.executable());
                    return pid.get(JAVA_INT, 0);
                } finally {
                    int ignored = (int) spawnattr_destroy.HANDLE.invokeExact(attr);
                }
            } finally {
                int ignored = (int) file_actions_destroy.HANDLE.invokeExact(actions);
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
    private static void keepOnly(MemorySegment actions, List<Integer> inheritedFds) throws Throwable {
        TreeSet<Integer> keep = new TreeSet<>(inheritedFds);
        for (int fd : keep) {
            FfmLibc.checkReturned((int) file_actions_adddup2.HANDLE.invokeExact(actions, fd, fd),
                    "posix_spawn_file_actions_adddup2", String.valueOf(fd));
        }
        int highest = keep.isEmpty() ? -1 : keep.last();
        for (int fd = 0; fd < highest; fd++) {
            if (!keep.contains(fd)) {
                FfmLibc.checkReturned((int) file_actions_addclose.HANDLE.invokeExact(actions, fd),
                        "posix_spawn_file_actions_addclose", String.valueOf(fd));
            }
        }
        FfmLibc.checkReturned((int) file_actions_addclosefrom_np.HANDLE.invokeExact(actions, highest + 1),
                "posix_spawn_file_actions_addclosefrom_np", String.valueOf(highest + 1));
    }

    /**
     * The JVM's signal handlers and masks are its own business: the child starts with defaults. The set of
     * signals to default is filled by hand: sigfillset leaves out glibc's own signals 32 and 33, which
     * posix_spawn then sets to SIG_IGN, and an ignored signal stays ignored across execve, for the
     * container's whole process tree.
     */
    private static void resetSignals(Arena arena, MemorySegment attr) throws Throwable {
        MemorySegment empty = arena.allocate(SIGSET_SIZE, 8);
        MemorySegment all = arena.allocate(SIGSET_SIZE, 8).fill((byte) 0xff);
        int ignored = (int) sigemptyset.HANDLE.invokeExact(empty);
        FfmLibc.checkReturned((int) spawnattr_setsigmask.HANDLE.invokeExact(attr, empty), "posix_spawnattr_setsigmask", "");
        FfmLibc.checkReturned((int) spawnattr_setsigdefault.HANDLE.invokeExact(attr, all),
                "posix_spawnattr_setsigdefault", "");
        FfmLibc.checkReturned((int) spawnattr_setflags.HANDLE.invokeExact(attr,
                (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)), "posix_spawnattr_setflags", "");
    }
}

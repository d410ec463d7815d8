package io.jrunc.adapter.jna;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import io.jrunc.ports.model.SpawnRequest;

import java.util.HashSet;
import java.util.Set;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

/**
 * glibc's posix_spawn, which clones with CLONE_VM|CLONE_VFORK and so works on a thread that may no longer
 * fork a thread (after unshare(CLONE_NEWPID)), unlike ProcessBuilder. The child gets exactly the inherited
 * fds: adddup2(fd, fd) clears their FD_CLOEXEC (glibc 2.29+), and every other fd is closed.
 */
final class JnaPosixSpawn {
    // Larger than glibc's posix_spawn_file_actions_t (80 bytes), posix_spawnattr_t (336) and sigset_t (128).
    private static final int FILE_ACTIONS_SIZE = 256;
    private static final int ATTRIBUTES_SIZE = 512;
    private static final int SIGSET_SIZE = 256;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    private JnaPosixSpawn() {
    }

    static int spawn(SpawnRequest request) {
        return spawn(request.executable(), request.argv(), request.env(),
                actions -> addFdActions(actions, request, request.executable()));
    }

    /** A program with our {@code stdin}, {@code stdout}, {@code stderr} as its 0, 1, 2, every other fd closed. */
    static int spawn(io.jrunc.ports.model.ProgramRun run, int stdin, int stdout, int stderr) {
        return spawn(run.executable(), run.argv(), run.env(), actions -> {
            JnaCheck.returnedErrno("posix_spawn_file_actions_adddup2", "stdin",
                    INSTANCE.posix_spawn_file_actions_adddup2(actions, stdin, 0));
            JnaCheck.returnedErrno("posix_spawn_file_actions_adddup2", "stdout",
                    INSTANCE.posix_spawn_file_actions_adddup2(actions, stdout, 1));
            JnaCheck.returnedErrno("posix_spawn_file_actions_adddup2", "stderr",
                    INSTANCE.posix_spawn_file_actions_adddup2(actions, stderr, 2));
            JnaCheck.returnedErrno("posix_spawn_file_actions_addclosefrom_np", "3",
                    INSTANCE.posix_spawn_file_actions_addclosefrom_np(actions, 3));
            run.cwd().ifPresent(cwd -> JnaCheck.returnedErrno("posix_spawn_file_actions_addchdir_np", cwd,
                    INSTANCE.posix_spawn_file_actions_addchdir_np(actions, cwd)));
        });
    }

    private static int spawn(String exe, java.util.List<String> argv, java.util.List<String> env,
                             java.util.function.Consumer<Memory> fileActions) {
        Memory actions = new Memory(FILE_ACTIONS_SIZE);
        Memory attributes = new Memory(ATTRIBUTES_SIZE);
        JnaCheck.returnedErrno("posix_spawn_file_actions_init", exe, INSTANCE.posix_spawn_file_actions_init(actions));
        try {
            JnaCheck.returnedErrno("posix_spawnattr_init", exe, INSTANCE.posix_spawnattr_init(attributes));
            try {
                fileActions.accept(actions);
                resetSignals(attributes, exe);
                IntByReference pid = new IntByReference();
                JnaCheck.returnedErrno("posix_spawn", exe, INSTANCE.posix_spawn(pid, exe, actions, attributes,
                        argv.toArray(new String[0]), env.toArray(new String[0])));
                return pid.getValue();
            } finally {
                INSTANCE.posix_spawnattr_destroy(attributes);
            }
        } finally {
            INSTANCE.posix_spawn_file_actions_destroy(actions);
        }
    }

    /** Below the highest inherited fd each fd is kept or closed; closing an fd that is not open is no error. */
    private static void addFdActions(Memory actions, SpawnRequest request, String exe) {
        Set<Integer> inherited = new HashSet<>(request.inheritedFds());
        int highest = inherited.stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (int fd = 0; fd <= highest; fd++) {
            if (inherited.contains(fd)) {
                JnaCheck.returnedErrno("posix_spawn_file_actions_adddup2", "fd " + fd,
                        INSTANCE.posix_spawn_file_actions_adddup2(actions, fd, fd));
            } else {
                JnaCheck.returnedErrno("posix_spawn_file_actions_addclose", "fd " + fd,
                        INSTANCE.posix_spawn_file_actions_addclose(actions, fd));
            }
        }
        JnaCheck.returnedErrno("posix_spawn_file_actions_addclosefrom_np", exe,
                INSTANCE.posix_spawn_file_actions_addclosefrom_np(actions, highest + 1));
    }

    /**
     * The JVM's signal handlers and the calling thread's mask are no business of the child's. The set of signals
     * to default is filled by hand: sigfillset leaves out glibc's own 32 and 33, which posix_spawn then sets to
     * SIG_IGN, and an ignored signal stays ignored across execve, for the container's whole process tree.
     */
    private static void resetSignals(Memory attributes, String exe) {
        Memory empty = new Memory(SIGSET_SIZE);
        Memory all = new Memory(SIGSET_SIZE);
        INSTANCE.sigemptyset(empty);
        all.setMemory(0, SIGSET_SIZE, (byte) 0xff);
        JnaCheck.returnedErrno("posix_spawnattr_setsigmask", exe, INSTANCE.posix_spawnattr_setsigmask(attributes, empty));
        JnaCheck.returnedErrno("posix_spawnattr_setsigdefault", exe, INSTANCE.posix_spawnattr_setsigdefault(attributes, all));
        JnaCheck.returnedErrno("posix_spawnattr_setflags", exe, INSTANCE.posix_spawnattr_setflags(attributes,
                (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)));
    }
}

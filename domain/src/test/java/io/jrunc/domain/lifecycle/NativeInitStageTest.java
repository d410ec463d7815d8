package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.domain.runtime.CapabilitySets;
import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExecArguments;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.StageMessage;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime's side of jrunc-init's protocol, against a scripted init on the fake kernel's socket pair. */
class NativeInitStageTest {
    private final FakeKernel kernel = new FakeKernel();
    private int ours;
    private int init;
    private NativeInitStage stage;

    @BeforeEach
    void pair() {
        int[] pair = kernel.socketPair();
        ours = pair[0];
        init = pair[1];
        stage = new NativeInitStage(kernel, ours);
    }

    /** What the init will answer, written ahead: the fake's sockets never block. */
    private void initSays(String... fields) {
        kernel.write(init, StageMessage.encode(List.of(fields)));
    }

    /** Every request the init received, each as its fields. */
    private List<List<String>> requests() {
        return requests(1 << 20);
    }

    private List<List<String>> requests(int maxLength) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> r = StageMessage.receive(kernel, init, maxLength); !r.isEmpty();
                r = StageMessage.receive(kernel, init, maxLength)) {
            out.add(r);
        }
        return out;
    }

    @Test
    void itsFirstWordIsWaitingAndAnInitThatDiedSaysNothing() {
        initSays("waiting");
        assertEquals("waiting", stage.hello());
        assertEquals("", stage.hello());
    }

    @Test
    void procIsMountedByTheInitBeneathTheRootWithTheFlagsAsOneNumber() {
        initSays("ok");
        stage.mountProc("/r", MountRequest.of("proc", "/r/proc", "proc", EnumSet.of(MountFlag.MS_NOSUID, MountFlag.MS_NODEV), ""));
        assertEquals(List.of(List.of("mountat", "/r", "proc", "proc", "proc", "6", "")), requests());
    }

    /**
     * A notifying filter is asked for with SECCOMP_FILTER_FLAG_NEW_LISTENER added to its flags, and its "ok" must
     * carry the notify fd: one without (the fake passes no fds) is refused, and nothing is handed to the agent.
     */
    @Test
    void aNotifyingFilterIsLoadedWithANewListener_andAnOkWithoutItsFdIsRefused() {
        var notify = new io.jrunc.ports.model.SeccompFilter(new io.jrunc.ports.model.SeccompFilter.Action("SCMP_ACT_ALLOW", 0),
                List.of(), List.of(new io.jrunc.ports.model.SeccompFilter.Rule("mkdir",
                        new io.jrunc.ports.model.SeccompFilter.Action("SCMP_ACT_NOTIFY", 0), List.of())),
                List.of("SECCOMP_FILTER_FLAG_LOG"));
        List<Integer> handed = new ArrayList<>();
        stage.onNotifyFd(handed::add);
        initSays("ok");

        var refused = org.junit.jupiter.api.Assertions.assertThrows(io.jrunc.ports.model.SyscallException.class,
                () -> stage.installSeccomp(notify, "00", false));

        assertEquals(List.of(List.of("seccomp", "10", "0", "00")), requests(), "LOG (2) | NEW_LISTENER (8)");
        assertEquals(io.jrunc.ports.model.Errno.EIO, refused.errno());
        assertEquals(List.of(), handed);
    }

    @Test
    void theSessionKeyringIsAskedForByNameWithTheUserSearchBitToAdd() {
        initSays("ok");
        stage.joinSessionKeyring("_ses.web");
        assertEquals(List.of(List.of("keyring", "_ses.web", Long.toString(0x80000))), requests());
    }

    @Test
    void aRefusalIsTheNamedSyscallsWithTheInitsErrno() {
        initSays("err", "1");
        var e = assertThrows(SyscallException.class, () -> stage.setresuid(1000, 1000, 1000));
        assertEquals("setresuid", e.syscall());
        assertEquals(Errno.EPERM, e.errno());
        assertEquals(List.of(List.of("resuid", "1000", "1000", "1000")), requests());
    }

    @Test
    void credentialsGoAsMasksAndUnsignedIds() {
        initSays("ok");
        initSays("ok");
        initSays("ok");
        stage.credentials().setCapabilities(Set.of(0, 1, 40), Set.of(), Set.of(40), Set.of(), Set.of());
        stage.credentials().setgroups(List.of(5, -2));
        stage.credentials().setNoNewPrivileges();
        assertEquals(List.of(
                List.of("caps", Long.toString(3L | 1L << 40), "0", Long.toString(1L << 40), "0", "0"),
                List.of("groups", "5", "4294967294"),
                List.of("nnp")), requests());
    }

    @Test
    void anInitThatExitedMidwayIsABrokenPipeNamingIt() {
        kernel.close(init);
        var e = assertThrows(SyscallException.class, () -> stage.chdir("/tmp"));
        assertEquals(Errno.EPIPE, e.errno());
        assertTrue(e.getMessage().contains("the container's init exited"), e.getMessage());
    }

    @Test
    void theAppArmorProfileFallsBackToAttrExecOnKernelsWithoutTheSubdirectory() {
        initSays("err", Integer.toString(Errno.ENOENT.code()));
        initSays("ok");
        stage.writeOwnAttr("attr/apparmor/exec", "exec p");
        assertEquals(List.of(
                List.of("write", "/proc/self/attr/apparmor/exec", "exec p"),
                List.of("write", "/proc/self/attr/exec", "exec p")), requests());
    }

    @Test
    void execCarriesTheFifoTheFdsToKeepTheArgsAndTheEnvThenLetsTheSocketGo() {
        initSays("ok");
        ProcessSpec p = new ProcessSpec(List.of("sh", "-c", "true"), List.of("A=1"), "/", 0, 0, List.of(),
                OptionalInt.empty(), false, false, CapabilitySets.none(), 2);
        stage.awaitStart(9);
        stage.exec("/bin/sh", p);
        assertEquals(List.of(List.of("exec", "9", "5", "/bin/sh", "3", "sh", "-c", "true", "A=1")), requests());
        assertThrows(SyscallException.class, () -> kernel.write(ours, new byte[] {1}), "our end is closed");
    }

    private static ProcessSpec running(List<String> args, List<String> env) {
        return new ProcessSpec(args, env, "/", 0, 0, List.of(), OptionalInt.empty(), false, false,
                CapabilitySets.none(), 0);
    }

    @Test
    void seventyThousandArgsGoInOneRequest() {
        initSays("ok");
        List<String> args = new ArrayList<>(List.of("sh"));
        for (int i = 1; i <= 70_000; i++) {
            args.add(Integer.toString(i));
        }
        stage.awaitStart(9);
        stage.exec("/bin/sh", running(args, List.of("A=1")));
        List<List<String>> sent = requests(StageMessage.MAX_LENGTH);
        assertEquals(1, sent.size());
        assertEquals(List.of("exec", "9", "3", "/bin/sh", "70001"), sent.get(0).subList(0, 5));
        assertEquals(5 + 70_001 + 1, sent.get(0).size());
    }

    @Test
    void argsAndEnvNoExecveCouldTakeAreRefusedBeforeTheInitIsAsked() {
        String half = "x".repeat(ExecArguments.MAX_BYTES / 2);
        stage.awaitStart(9);
        var e = assertThrows(SyscallException.class,
                () -> stage.exec("/bin/sh", running(List.of("sh", half), List.of(half))));
        assertEquals(Errno.E2BIG, e.errno());
        assertEquals("exec /bin/sh (argv and envp take 6291493 bytes with their pointers, execve(2) at most 6291456):"
                + " argument list too long", e.getMessage());
        assertEquals(List.of(), requests(), "nothing was sent");
    }

    @Test
    void thePathLookupAsksTheInitWhichAnswersAsTheUserItIsNow() {
        initSays("err", Integer.toString(Errno.EACCES.code()));
        initSays("ok");
        assertEquals(Errno.EACCES, assertThrows(SyscallException.class, () -> stage.checkExecutable("/bin/secret")).errno());
        stage.checkExecutable("/bin/sh");
        assertEquals(List.of(List.of("access", "/bin/secret"), List.of("access", "/bin/sh")), requests());
        kernel.close(init);
        assertEquals(Errno.EPIPE, assertThrows(SyscallException.class, () -> stage.checkExecutable("/bin/sh")).errno(),
                "a dead init is no answer");
    }

    @Test
    void aFieldWithANulIsRefusedAndNothingIsSent() {
        var e = assertThrows(SyscallException.class, () -> stage.chdir("/a\0b"));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(List.of(), requests());
    }
}

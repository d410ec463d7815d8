package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Steps of the container phase carried out against the fake kernel, the calling thread standing in for the init. */
class InitPlanExecutorTest {
    private final FakeKernel kernel = new FakeKernel();
    private final InitPlanExecutor executor = new InitPlanExecutor(kernel, kernel, kernel, kernel, kernel, kernel,
            kernel, kernel, kernel, kernel, kernel);

    private io.vavr.control.Either<InitFailure, List<InitStep>> run(InitStep step) {
        return executor.containerPhase(new InitPlan(List.of(step)), executor.inProcess(1), s -> { });
    }

    /** A dangling link in the image: the link is there, but a mount on it finds nothing, as the kernel says. */
    private void danglingLink(String path) {
        kernel.symlink("/nowhere", path);
        kernel.failWhen(c -> c instanceof Call.Mount && ((Call.Mount) c).request().target().equals(path),
                Errno.ENOENT);
    }

    private List<String> mountedTargets() {
        return kernel.mounts().stream().map(MountRequest::target).collect(Collectors.toList());
    }

    @Test
    void aReadonlyPathTheImageLacksOrWhoseLinkLeadsNowhereIsSkippedAsRuncDoes() {
        kernel.addDirectory("/proc/sys");
        danglingLink("/dangling");

        var done = run(new InitStep.RemountReadonly(List.of("/missing", "/dangling", "/proc/sys")));

        assertTrue(done.isRight(), () -> done.getLeft().message());
        assertEquals(List.of("/proc/sys"), mountedTargets());
        List<MountRequest> onProcSys = kernel.journalOf(Call.Mount.class).stream().map(Call.Mount::request)
                .filter(r -> r.target().equals("/proc/sys")).collect(Collectors.toList());
        assertEquals(2, onProcSys.size(), "a bind of itself, then its remount");
        assertTrue(onProcSys.get(1).flags().containsAll(List.of(MountFlag.MS_BIND, MountFlag.MS_REMOUNT,
                MountFlag.MS_RDONLY)), onProcSys.get(1).toString());
    }

    @Test
    void aMaskedFileWhoseLinkLeadsNowhereIsSkippedAsRuncDoes() {
        kernel.addFile("/proc/kcore");
        kernel.addFile("/dev/null");
        danglingLink("/dangling");

        var done = run(new InitStep.MaskPaths(List.of("/dangling", "/proc/kcore")));

        assertTrue(done.isRight(), () -> done.getLeft().message());
        assertEquals(List.of("/proc/kcore"), mountedTargets());
    }

    private static io.jrunc.domain.runtime.ProcessSpec process(int uid, List<String> env) {
        return new io.jrunc.domain.runtime.ProcessSpec(List.of("sh"), env, "/", uid, uid, List.of(),
                java.util.OptionalInt.empty(), false, false, io.jrunc.domain.runtime.CapabilitySets.none(), 0);
    }

    /** The env the user's program was exec'd with, after the switch of user, the lookup and the exec. */
    private List<String> execEnv(io.jrunc.domain.runtime.ProcessSpec p) {
        kernel.addExecutable("/rootfs/bin/sh");
        kernel.addDirectory("/rootfs/etc");
        kernel.chroot("/rootfs"); // as after the switch of root
        var done = executor.containerPhase(new InitPlan(List.of(new InitStep.SwitchUser(p),
                new InitStep.FindProgram(p), new InitStep.ExecProcess(p))), executor.inProcess(1), s -> { });
        assertTrue(done.isRight(), () -> done.getLeft().message());
        return kernel.journalOf(Call.Exec.class).get(0).env();
    }

    @Test
    void homeComesFromTheUsersEntryInTheContainersPasswdElseIsTheRoot() {
        kernel.addFile("/rootfs/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        kernel.addFile("/etc/passwd", "root:x:0:0:root:/host-root:/bin/sh\n"); // the host's, never read

        assertEquals(List.of("PATH=/bin", "HOME=/root"), execEnv(process(0, List.of("PATH=/bin"))));
    }

    @Test
    void aUserWithoutAPasswdEntryGetsTheRootAsHome() {
        kernel.addFile("/rootfs/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");

        assertEquals(List.of("HOME=/"), execEnv(process(1000, List.of())));
    }

    @Test
    void aHomeTheConfigSetsIsKept() {
        kernel.addFile("/rootfs/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");

        assertEquals(List.of("HOME=/data"), execEnv(process(0, List.of("HOME=/data"))));
    }

    @Test
    void anyOtherRefusalOfTheBindStillFailsTheStep() {
        kernel.addDirectory("/proc/sys");
        kernel.failNext(Call.Mount.class, Errno.EPERM);

        var done = run(new InitStep.RemountReadonly(List.of("/proc/sys")));

        assertEquals("remount readonly: mount src=/proc/sys, dst=/proc/sys, flags=MS_BIND|MS_REC: operation not permitted",
                done.getLeft().message());
    }
}

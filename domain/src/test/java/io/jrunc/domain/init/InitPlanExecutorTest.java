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
            kernel, kernel, kernel);

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

    @Test
    void anyOtherRefusalOfTheBindStillFailsTheStep() {
        kernel.addDirectory("/proc/sys");
        kernel.failNext(Call.Mount.class, Errno.EPERM);

        var done = run(new InitStep.RemountReadonly(List.of("/proc/sys")));

        assertEquals("remount readonly: mount src=/proc/sys, dst=/proc/sys, flags=MS_BIND|MS_REC: operation not permitted",
                done.getLeft().message());
    }
}

package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.ProcFs;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SpawnRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** /proc/[pid] files: oom_score_adj of a child, and what a missing process or file gives. */
public abstract class ProcFsContract extends PortContract {
    private ProcFs procFs() {
        return ports().procFs();
    }

    private int sleeper() {
        ports().seedExecutable("/bin/sleep");
        return ports().processes().spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "30"), List.of(), Set.of(),
                Map.of(), List.of()));
    }

    private void reap(int pid) {
        ports().processes().kill(pid, 9);
        ports().processes().waitFor(pid);
    }

    @Test
    void oomScoreAdjOfAChildIsWrittenAndRead_andOutOfRangeIsEINVAL() {
        int pid = sleeper();
        try {
            assertEquals("0", procFs().read(pid, "oom_score_adj").orElseThrow().trim());
            procFs().write(pid, "oom_score_adj", "500");

            assertEquals("500", procFs().read(pid, "oom_score_adj").orElseThrow().trim());
            assertErrno(Errno.EINVAL, () -> procFs().write(pid, "oom_score_adj", "5000"));
            assertErrno(Errno.EINVAL, () -> procFs().write(pid, "oom_score_adj", "lots"));
        } finally {
            reap(pid);
        }
    }

    @Test
    void aReapedProcessHasNothingToRead_andWritingThereIsENOENT() {
        int pid = sleeper();
        reap(pid);

        assertTrue(procFs().read(pid, "oom_score_adj").isEmpty());
        assertErrno(Errno.ENOENT, () -> procFs().write(pid, "oom_score_adj", "100"));
    }

    private void assumeRealProcfs() {
        assumePrivileged();
        org.junit.jupiter.api.Assumptions.assumeTrue(ports().realKernel(), "the fake has no procfs to mount over");
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T inOwnMountAndUtsNamespaces(java.util.function.Supplier<T> work) {
        return ports().isolated(Set.of(Namespace.MOUNT, Namespace.UTS), work);
    }

    @Test
    void aSysctlIsWrittenToTheKernel_andReadsBack() {
        assumeRealProcfs();

        String value = inOwnMountAndUtsNamespaces(() -> {
            procFs().writeSysctl("kernel.domainname", "jrunc-contract");
            return read("/proc/sys/kernel/domainname");
        });

        assertEquals("jrunc-contract", value);
    }

    @Test
    void aSysctlWithAFileBoundOverItIsRefused_andTheFileIsNotWritten() throws IOException {
        assumeRealProcfs();
        Path decoy = Files.writeString(Path.of(path("decoy")), "host file");

        Errno refused = inOwnMountAndUtsNamespaces(() -> {
            ports().mounts().mount(MountRequest.of(decoy.toString(), "/proc/sys/kernel/domainname", "",
                    Set.of(MountFlag.MS_BIND), ""));
            return assertErrno(Errno.EXDEV, () -> procFs().writeSysctl("kernel.domainname", "evil")).errno();
        });

        assertEquals(Errno.EXDEV, refused);
        assertEquals("host file", Files.readString(decoy));
    }

    @Test
    void aSysctlUnderAProcThatIsNoProcfsIsRefused() {
        assumeRealProcfs();

        String message = inOwnMountAndUtsNamespaces(() -> {
            ports().mounts().mount(MountRequest.of("jrunc-contract", "/proc", "tmpfs", Set.of(), "size=1m"));
            ports().filesystem().mkdirs("/proc/sys/kernel", 0755);
            ports().filesystem().touch("/proc/sys/kernel/domainname", 0644);
            return assertErrno(Errno.EXDEV, () -> procFs().writeSysctl("kernel.domainname", "evil")).getMessage();
        });

        assertEquals("open /proc: not on a proc filesystem", message);
    }

    /**
     * CVE-2025-52881: a process's oom_score_adj (and its attr/* files, by "self") with a file bound over it, as a
     * shared volume swapped under the runtime could leave: refused, the file not written. By path, the write went
     * through the bind to the file.
     */
    @Test
    void aProcessFileWithAFileBoundOverItIsRefused_byPidAndBySelf_andTheFileIsNotWritten() throws IOException {
        assumeRealProcfs();
        Path decoy = Files.writeString(Path.of(path("decoy")), "host file");
        int pid = sleeper();
        try {
            List<Errno> refused = inOwnMountAndUtsNamespaces(() -> {
                ports().mounts().mount(MountRequest.of(decoy.toString(), "/proc/" + pid + "/oom_score_adj", "",
                        Set.of(MountFlag.MS_BIND), ""));
                ports().mounts().mount(MountRequest.of(decoy.toString(), "/proc/self/oom_score_adj", "",
                        Set.of(MountFlag.MS_BIND), ""));
                return List.of(assertErrno(Errno.EXDEV, () -> procFs().write(pid, "oom_score_adj", "500")).errno(),
                        assertErrno(Errno.EXDEV, () -> procFs().write(0, "oom_score_adj", "0")).errno());
            });
            assertEquals(List.of(Errno.EXDEV, Errno.EXDEV), refused);
            assertEquals("host file", Files.readString(decoy));
            assertEquals("0", procFs().read(pid, "oom_score_adj").orElseThrow().trim());
        } finally {
            reap(pid);
        }
    }
}

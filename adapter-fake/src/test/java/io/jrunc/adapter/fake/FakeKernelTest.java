package io.jrunc.adapter.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.Signal;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FakeKernelTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeKernel kernel = new FakeKernel();

    private static Errno errnoOf(Executable call) {
        return assertThrows(SyscallException.class, call).errno();
    }

    private int spawn(String... argv) {
        return kernel.spawn(new SpawnRequest("/bin/" + argv[0], List.of(argv), List.of(),
                Set.of(Namespace.PID), Map.of(), List.of(0, 1, 2)));
    }

    @Nested
    class Journal {
        @Test
        void keepsTheOrderOfCallsAcrossDifferentPorts() {
            kernel.addDirectory("/rootfs");
            kernel.unshare(Set.of(Namespace.MOUNT));
            kernel.mkdirs("/rootfs/proc", 0755);
            kernel.sethostname("box");
            kernel.mount(MountRequest.of("proc", "/rootfs/proc", "proc", Set.of(), null));
            kernel.prlimit(0, RlimitResource.RLIMIT_NOFILE, 1024, 4096);
            kernel.setNoNewPrivileges();

            assertEquals(List.of(new Call.Unshare(Set.of(Namespace.MOUNT)), new Call.Mkdirs("/rootfs/proc", 0755),
                    new Call.SetHostname("box"), new Call.Mount(MountRequest.of("proc", "/rootfs/proc", "proc", Set.of(), null)),
                    new Call.Prlimit(0, RlimitResource.RLIMIT_NOFILE, 1024, 4096), new Call.SetNoNewPrivileges()),
                    kernel.journal());
        }

        @Test
        void eachCallPrintsAsOneStraceLikeLine() {
            kernel.addDirectory("/rootfs/proc");
            kernel.sethostname("web");
            kernel.mount(MountRequest.of("proc", "/rootfs/proc", "proc", Set.of(MountFlag.MS_NOSUID, MountFlag.MS_NODEV), null));
            kernel.prlimit(0, RlimitResource.RLIMIT_NOFILE, 1024, -1);
            kernel.write(0, "oom_score_adj", "500");
            kernel.unshare(Set.of(Namespace.MOUNT, Namespace.UTS));

            assertEquals(List.of("sethostname(\"web\")",
                    "mount(src=proc, dst=/rootfs/proc, type=proc, flags=MS_NOSUID|MS_NODEV)",
                    "prlimit(0, RLIMIT_NOFILE, {cur=1024, max=RLIM_INFINITY})",
                    "write(\"/proc/self/oom_score_adj\", \"500\")",
                    "unshare(CLONE_NEWNS|CLONE_NEWUTS)"),
                    kernel.journal().stream().map(Call::toString).toList());
        }

        @Test
        void journalOfPicksOneKindOfCallFailedAttemptsIncluded() {
            kernel.sethostname("a");
            kernel.mkdirs("/x", 0755);
            kernel.failNext(Call.SetHostname.class, Errno.EPERM);
            assertThrows(SyscallException.class, () -> kernel.sethostname("b"));

            assertEquals(List.of(new Call.SetHostname("a"), new Call.SetHostname("b")), kernel.journalOf(Call.SetHostname.class));
            assertEquals(List.of(new Call.Failed(new Call.SetHostname("b"), Errno.EPERM)), kernel.failures());
        }

        @Test
        void clearingTheJournalForgetsEarlierCalls() {
            kernel.sethostname("a");
            kernel.clearJournal();
            kernel.sethostname("b");

            assertEquals(List.of(new Call.SetHostname("b")), kernel.journal());
        }

        @Test
        void pureReadsAreNotJournaled() {
            kernel.exists("/x");
            kernel.isAlive(5);
            kernel.read(0, "oom_score_adj");
            kernel.hierarchies();

            assertTrue(kernel.journal().isEmpty());
        }

        @Test
        void aFailedCallIsStillRecordedWithItsErrno() {
            kernel.failNext(Call.SetHostname.class, Errno.EPERM);

            SyscallException e = assertThrows(SyscallException.class, () -> kernel.sethostname("box"));

            assertEquals(Errno.EPERM, e.errno());
            assertEquals("sethostname", e.syscall());
            assertEquals("sethostname box: operation not permitted", e.getMessage());
            Call call = kernel.journal().get(0);
            assertTrue(call.failed());
            assertEquals(new Call.Failed(new Call.SetHostname("box"), Errno.EPERM), call);
            assertEquals("sethostname(\"box\") = -1 EPERM (operation not permitted)", call.toString());
        }

        @Test
        void aCallTheSimulatedKernelRefusesIsMarkedFailedToo() {
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.chdir("/missing")));

            assertEquals(List.of(new Call.Failed(new Call.Chdir("/missing"), Errno.ENOENT)), kernel.journal());
        }

        @Test
        void anInjectedFailureHasNoEffectOnTheSimulatedState() {
            kernel.failNext(Call.SetHostname.class, Errno.EPERM);

            assertThrows(SyscallException.class, () -> kernel.sethostname("box"));

            assertEquals("localhost", kernel.hostname());
        }

        @Test
        void failNextIsConsumedByTheFirstMatchingCallOnly() {
            kernel.failNext(Call.SetHostname.class, Errno.EPERM);

            kernel.setdomainname("other");
            assertEquals(Errno.EPERM, errnoOf(() -> kernel.sethostname("first")));
            kernel.sethostname("second");

            assertEquals("second", kernel.hostname());
            assertEquals(List.of(false, true, false), kernel.journal().stream().map(Call::failed).toList());
        }

        @Test
        void queuedFailuresOfOneKindAreUsedUpInTheOrderGiven() {
            kernel.failNext(Call.SetHostname.class, Errno.EPERM);
            kernel.failNext(Call.SetHostname.class, Errno.EINVAL);

            assertEquals(Errno.EPERM, errnoOf(() -> kernel.sethostname("a")));
            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.sethostname("b")));
            kernel.sethostname("c");

            assertEquals("c", kernel.hostname());
        }

        @Test
        void failWhenKeepsFailingEveryMatchingCallUntilCleared() {
            kernel.failWhen(c -> c instanceof Call.Mkdirs && ((Call.Mkdirs) c).path().startsWith("/sys"), Errno.EROFS);

            for (int i = 0; i < 3; i++) {
                int n = i;
                assertEquals(Errno.EROFS, errnoOf(() -> kernel.mkdirs("/sys/x" + n, 0755)));
            }
            kernel.mkdirs("/tmp/ok", 0755);
            kernel.clearFailures();
            kernel.mkdirs("/sys/y", 0755);

            assertTrue(kernel.isDirectory("/tmp/ok"));
            assertTrue(kernel.isDirectory("/sys/y"));
            assertFalse(kernel.exists("/sys/x0"));
            assertEquals(3, kernel.failures().size());
        }

        @Test
        void failWhenCanPickTheMountOfProcByItsTarget() {
            kernel.addDirectory("/rootfs/proc");
            kernel.addDirectory("/rootfs/dev");
            kernel.failWhen(c -> c instanceof Call.Mount && ((Call.Mount) c).request().target().endsWith("/proc"),
                    Errno.EPERM);

            kernel.mount(MountRequest.of("tmpfs", "/rootfs/dev", "tmpfs", Set.of(), null));
            SyscallException e = assertThrows(SyscallException.class,
                    () -> kernel.mount(MountRequest.of("proc", "/rootfs/proc", "proc", Set.of(), null)));

            assertEquals("mount src=proc, dst=/rootfs/proc, type=proc, flags=0: operation not permitted", e.getMessage());
            assertEquals(1, kernel.mounts().size());
        }
    }

    @Nested
    class Filesystem {
        @Test
        void creatingUnderAMissingParentIsENOENT() {
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.touch("/nope/file", 0644)));
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.mkfifo("/nope/fifo", 0600)));
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.symlink("/a", "/nope/link")));
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.mknod(new DeviceNode("/nope/null", 'c', 0666, 1, 3, 0, 0))));
            assertFalse(kernel.exists("/nope"));
        }

        @Test
        void creatingWhatExistsIsEEXIST() {
            kernel.addFile("/dev/null");

            assertEquals(Errno.EEXIST, errnoOf(() -> kernel.mknod(new DeviceNode("/dev/null", 'c', 0666, 1, 3, 0, 0))));
            assertEquals(Errno.EEXIST, errnoOf(() -> kernel.symlink("/x", "/dev/null")));
            assertEquals(Errno.EEXIST, errnoOf(() -> kernel.mkfifo("/dev/null", 0600)));
        }

        @Test
        void touchingAnExistingFileIsNoError() {
            kernel.addFile("/etc/hosts");

            assertDoesNotThrow(() -> kernel.touch("/etc/hosts", 0644));
        }

        @Test
        void creatingUnderAFileIsENOTDIR() {
            kernel.addFile("/etc/hosts");

            assertEquals(Errno.ENOTDIR, errnoOf(() -> kernel.touch("/etc/hosts/x", 0644)));
            assertEquals(Errno.ENOTDIR, errnoOf(() -> kernel.mkdirs("/etc/hosts/x", 0755)));
        }

        @Test
        void mkdirsCreatesEveryMissingParent() {
            kernel.mkdirs("/a/b/c", 0755);

            assertTrue(kernel.isDirectory("/a"));
            assertTrue(kernel.isDirectory("/a/b"));
            assertTrue(kernel.isDirectory("/a/b/c"));
            assertEquals(new Call.Mkdirs("/a/b/c", 0755), kernel.journal().get(0));
        }

        @Test
        void chdirToAFileIsENOTDIR() {
            kernel.addFile("/etc/hosts");

            assertEquals(Errno.ENOTDIR, errnoOf(() -> kernel.chdir("/etc/hosts")));
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.chdir("/missing")));
        }

        @Test
        void chdirMakesRelativePathsResolveFromTheNewDirectory() {
            kernel.addDirectory("/work");
            kernel.chdir("/work");

            kernel.touch("file", 0644);

            assertTrue(kernel.exists("/work/file"));
            assertTrue(kernel.exists("file"));
        }

        @Test
        void removingANonEmptyDirectoryIsENOTEMPTY() {
            kernel.addFile("/d/f");

            assertEquals(Errno.ENOTEMPTY, errnoOf(() -> kernel.remove("/d")));
            assertTrue(kernel.exists("/d/f"));
        }

        @Test
        void removeOfNothingIsNoErrorAndRemoveTreeTakesEverything() {
            kernel.addFile("/d/e/f");

            kernel.remove("/missing");
            kernel.removeTree("/d");

            assertFalse(kernel.exists("/d"));
            assertFalse(kernel.exists("/d/e/f"));
            assertTrue(kernel.isDirectory("/"));
        }

        @Test
        void executablesAreTellApartFromPlainFiles() {
            kernel.addExecutable("/bin/sh");
            kernel.addFile("/etc/passwd");

            assertTrue(kernel.isExecutable("/bin/sh"));
            assertFalse(kernel.isExecutable("/etc/passwd"));
            assertFalse(kernel.isExecutable("/bin"));
        }

        @Test
        void chownOfAMissingPathIsENOENT() {
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.chown("/missing", 0, 0)));
        }
    }

    @Nested
    class Mounts {
        @Test
        void aMountIsKeptAndUnmountRemovesIt() {
            kernel.addDirectory("/rootfs/proc");
            MountRequest proc = MountRequest.of("proc", "/rootfs/proc", "proc", Set.of(MountFlag.MS_NOSUID), null);

            kernel.mount(proc);
            assertEquals(List.of(proc), kernel.mounts());

            kernel.unmount("/rootfs/proc", true);
            assertEquals(List.of(), kernel.mounts());
            assertEquals(new Call.Unmount("/rootfs/proc", true), kernel.journal().get(1));
        }

        @Test
        void unmountOfWhatIsNoMountPointIsEINVAL() {
            kernel.addDirectory("/plain");

            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.unmount("/plain", false)));
        }

        @Test
        void unmountTakesTheLatestOfStackedMounts() {
            kernel.addDirectory("/m");
            MountRequest first = MountRequest.of("tmpfs", "/m", "tmpfs", Set.of(), null);
            MountRequest second = MountRequest.of("/src", "/m", "", Set.of(MountFlag.MS_BIND), null);
            kernel.addDirectory("/src");
            kernel.mount(first);
            kernel.mount(second);

            kernel.unmount("/m", false);

            assertEquals(List.of(first), kernel.mounts());
        }

        @Test
        void mountingOnAMissingTargetIsENOENT() {
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.mount(MountRequest.of("proc", "/nope", "proc", Set.of(), null))));
            assertEquals(List.of(), kernel.mounts());
        }

        @Test
        void aPropagationChangeIsNoNewMount() {
            kernel.mount(MountRequest.propagation("/", Set.of(MountFlag.MS_PRIVATE, MountFlag.MS_REC)));

            assertEquals(List.of(), kernel.mounts());
            assertEquals("mount", kernel.journal().get(0).syscall());
        }

        @Test
        void pivotRootChangesTheRoot() {
            kernel.addDirectory("/rootfs");
            bindOnItself("/rootfs");
            assertEquals("/", kernel.root());

            kernel.pivotRoot("/rootfs", "/rootfs");

            assertEquals("/rootfs", kernel.root());
        }

        @Test
        void afterPivotRootUnmountingTheOldRootStackedOnDotIsNoError() {
            kernel.addDirectory("/rootfs");
            bindOnItself("/rootfs");
            kernel.chdir("/rootfs");
            kernel.pivotRoot(".", ".");

            assertDoesNotThrow(() -> kernel.unmount(".", true));
        }

        @Test
        void pivotRootToWhatIsNoDirectoryIsENOTDIRAndKeepsTheRoot() {
            kernel.addFile("/file");

            assertEquals(Errno.ENOTDIR, errnoOf(() -> kernel.pivotRoot("/file", "/file")));
            assertEquals("/", kernel.root());
        }

        @Test
        void pivotRootToADirectoryThatIsNoMountPointIsEINVALAndKeepsTheRoot() {
            kernel.addDirectory("/rootfs");

            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.pivotRoot("/rootfs", "/rootfs")));
            assertEquals("/", kernel.root());
        }

        private void bindOnItself(String path) {
            kernel.mount(MountRequest.of(path, path, "", Set.of(MountFlag.MS_BIND), ""));
        }

        @Test
        void pivotRootToAMissingPathIsENOENT() {
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.pivotRoot("/nowhere", "/nowhere")));
        }

        @Test
        void execResolvesThePathInsideTheNewRoot() {
            kernel.addExecutable("/rootfs/bin/sh");
            kernel.addFile("/rootfs/etc/passwd");
            bindOnItself("/rootfs");
            kernel.pivotRoot("/rootfs", "/rootfs");

            assertDoesNotThrow(() -> kernel.exec("/bin/sh", List.of("sh"), List.of()));
            assertEquals(Errno.EACCES, errnoOf(() -> kernel.exec("/etc/passwd", List.of("x"), List.of())));
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.exec("/bin/bash", List.of("bash"), List.of())));
        }
    }

    @Nested
    class Hostname {
        @Test
        void sethostnameChangesTheHostname() {
            kernel.sethostname("box");

            assertEquals("box", kernel.hostname());
        }

        @Test
        void aHostnameOf64BytesIsAccepted() {
            String name = "h".repeat(64);

            kernel.sethostname(name);

            assertEquals(name, kernel.hostname());
        }

        @Test
        void aHostnameOf65BytesIsEINVALAndTheHostnameStaysUnchanged() {
            kernel.sethostname("before");

            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.sethostname("h".repeat(65))));

            assertEquals("before", kernel.hostname());
        }

        @Test
        void theLimitCountsBytesNotCharacters() {
            String name = "é".repeat(33); // 66 bytes in UTF-8
            assertEquals(66, name.getBytes(StandardCharsets.UTF_8).length);

            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.sethostname(name)));
        }

        @Test
        void aDomainnameOf65BytesIsEINVAL() {
            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.setdomainname("d".repeat(65))));
        }
    }

    @Nested
    class Processes {
        @Test
        void aSpawnedProcessIsAliveWithAStartTimeAndItsProgram() {
            int pid = spawn("sh", "-c", "true");

            assertTrue(kernel.isAlive(pid));
            assertTrue(kernel.startTime(pid).isPresent());
            assertEquals(List.of("sh", "-c", "true"), kernel.program(pid).orElseThrow());
            assertEquals(Set.of(Namespace.PID), kernel.namespacesOf(pid).orElseThrow());
        }

        @Test
        void eachSpawnGetsItsOwnPidAndStartTime() {
            int a = spawn("a");
            int b = spawn("b");

            assertTrue(a != b);
            assertTrue(kernel.startTime(a).getAsLong() != kernel.startTime(b).getAsLong());
        }

        @Test
        void anUnknownPidIsNotAliveAndHasNoStartTime() {
            assertFalse(kernel.isAlive(4242));
            assertTrue(kernel.startTime(4242).isEmpty());
        }

        @Test
        void aKilledProcessIsDeadAndLosesItsStartTime() {
            int pid = spawn("sleep");

            kernel.kill(pid, Signal.SIGKILL.number());

            assertFalse(kernel.isAlive(pid));
            assertTrue(kernel.startTime(pid).isEmpty());
            assertEquals(ExitStatus.killed(9), kernel.waitFor(pid));
        }

        @Test
        void killingAReapedProcessIsESRCH_butAZombieStillTakesSignals() {
            int pid = spawn("sleep");
            kernel.exit(pid, 0);
            kernel.kill(pid, Signal.SIGTERM.number());
            kernel.waitFor(pid);

            assertEquals(Errno.ESRCH, errnoOf(() -> kernel.kill(pid, Signal.SIGTERM.number())));
            assertEquals(Errno.ESRCH, errnoOf(() -> kernel.kill(4242, 0)));
        }

        @Test
        void signalZeroAndSigchldDoNotKill() {
            int pid = spawn("sleep");

            kernel.kill(pid, 0);
            kernel.kill(pid, Signal.SIGCHLD.number());
            kernel.kill(pid, Signal.SIGWINCH.number());

            assertTrue(kernel.isAlive(pid));
        }

        @Test
        void waitForBlocksUntilAnotherThreadEndsTheProcess() throws Exception {
            int pid = spawn("sleep");
            CompletableFuture<ExitStatus> waited = CompletableFuture.supplyAsync(() -> kernel.waitFor(pid));

            assertThrows(TimeoutException.class, () -> waited.get(200, TimeUnit.MILLISECONDS));
            kernel.exit(pid, 3);

            ExitStatus status = assertTimeoutPreemptively(TIMEOUT, () -> waited.get());
            assertEquals(ExitStatus.exited(3), status);
        }

        @Test
        void waitForWakesWhenAnotherThreadKills() {
            int pid = spawn("sleep");
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<ExitStatus> waited = CompletableFuture.supplyAsync(() -> {
                waiting.countDown();
                return kernel.waitFor(pid);
            });

            ExitStatus status = assertTimeoutPreemptively(TIMEOUT, () -> {
                waiting.await();
                kernel.kill(pid, Signal.SIGTERM.number());
                return waited.get();
            });

            assertEquals(143, status.shellStatus());
        }

        @Test
        void waitForAProcessThatAlreadyEndedReturnsAtOnce() {
            int pid = spawn("true");
            kernel.exit(pid, 0);

            assertEquals(ExitStatus.exited(0), assertTimeoutPreemptively(TIMEOUT, () -> kernel.waitFor(pid)));
        }

        @Test
        void waitForAPidNeverSpawnedIsECHILD() {
            assertEquals(Errno.ECHILD, errnoOf(() -> kernel.waitFor(4242)));
        }

        @Test
        void anInterruptedWaitIsEINTR() {
            int pid = spawn("sleep");

            Errno errno = assertTimeoutPreemptively(TIMEOUT, () -> {
                Thread.currentThread().interrupt();
                try {
                    return errnoOf(() -> kernel.waitFor(pid));
                } finally {
                    Thread.interrupted();
                }
            });

            assertEquals(Errno.EINTR, errno);
        }
    }

    @Nested
    class FifosAndFds {
        @Test
        void writeFifoBlocksUntilAReaderComes() throws Exception {
            kernel.addDirectory("/run");
            kernel.mkfifo("/run/exec.fifo", 0622);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(
                    () -> kernel.writeFifo("/run/exec.fifo", "0".getBytes(StandardCharsets.UTF_8)));

            assertThrows(TimeoutException.class, () -> writer.get(200, TimeUnit.MILLISECONDS));
            byte[] read = assertTimeoutPreemptively(TIMEOUT, () -> kernel.readFifo("/run/exec.fifo"));

            assertArrayEquals("0".getBytes(StandardCharsets.UTF_8), read);
            assertTimeoutPreemptively(TIMEOUT, () -> writer.get());
        }

        @Test
        void readingThroughProcSelfFdReachesTheFifoTheFdHolds() {
            kernel.addDirectory("/run/c1");
            kernel.mkfifo("/run/c1/exec.fifo", 0622);
            int fd = kernel.openPath("/run/c1/exec.fifo");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(
                    () -> kernel.writeFifo("/run/c1/exec.fifo", new byte[] {42}));

            byte[] read = assertTimeoutPreemptively(TIMEOUT, () -> kernel.readFifo("/proc/self/fd/" + fd));

            assertArrayEquals(new byte[] {42}, read);
            assertTimeoutPreemptively(TIMEOUT, () -> writer.get());
        }

        @Test
        void writingThroughProcSelfFdReachesTheSameFifo() {
            kernel.mkfifo("/fifo", 0600);
            int fd = kernel.openPath("/fifo");
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> kernel.readFifo("/fifo"));

            assertTimeoutPreemptively(TIMEOUT, () -> kernel.writeFifo("/proc/self/fd/" + fd, new byte[] {7}));

            assertArrayEquals(new byte[] {7}, assertTimeoutPreemptively(TIMEOUT, () -> reader.get()));
        }

        @Test
        void aRegularFileIsReadAsTheKernelReadsIt_andAMissingOneIsENOENT() {
            kernel.addFile("/file", "0");

            assertEquals("0", new String(kernel.readFifo("/file"), java.nio.charset.StandardCharsets.UTF_8),
                    "open(2) and read(2) of what is no fifo: the native backends read it through");
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.writeFifo("/missing", new byte[0])));
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.readFifo("/proc/self/fd/99")));
        }

        @Test
        void aRemovedFifoCannotBeOpened() {
            kernel.mkfifo("/fifo", 0600);
            kernel.remove("/fifo");

            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.readFifo("/fifo")));
        }

        @Test
        void openPathOfAMissingPathIsENOENT() {
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.openPath("/missing")));
            assertEquals(Map.of(), kernel.openFds());
        }

        @Test
        void openedFdsAreTrackedUntilClosed() {
            kernel.addFile("/f");
            int fd = kernel.openPath("/f");
            int[] pair = kernel.socketPair();

            assertEquals(3, kernel.openFds().size());
            assertEquals("/f", kernel.openFds().get(fd));

            kernel.close(fd);
            kernel.close(pair[0]);

            assertEquals(Set.of(pair[1]), kernel.openFds().keySet());
        }

        @Test
        void closingAnUnknownFdIsEBADF() {
            assertEquals(Errno.EBADF, errnoOf(() -> kernel.close(77)));
        }

        @Test
        void closingAnFdTwiceIsEBADF() {
            int[] pair = kernel.socketPair();
            kernel.close(pair[0]);

            assertEquals(Errno.EBADF, errnoOf(() -> kernel.close(pair[0])));
        }

        @Test
        void readingOrWritingAClosedFdIsEBADF() {
            int[] pair = kernel.socketPair();
            kernel.close(pair[0]);

            assertEquals(Errno.EBADF, errnoOf(() -> kernel.write(pair[0], new byte[1])));
            assertEquals(Errno.EBADF, errnoOf(() -> kernel.read(pair[0], 1)));
            assertEquals(Errno.EPIPE, errnoOf(() -> kernel.write(pair[1], new byte[1])), "its peer is gone");
        }
    }

    @Nested
    class Cgroups {
        @Test
        void aCgroupKeepsItsFilesAndMembers() {
            int pid = spawn("init");
            kernel.create("", "/c1");

            kernel.write("", "/c1", "memory.max", "1048576");
            kernel.join("", "/c1", pid);

            assertEquals("1048576", kernel.read("", "/c1", "memory.max").orElseThrow());
            assertEquals(List.of(pid), kernel.processes("", "/c1"));
            assertEquals(new Call.CgroupJoin("", "/c1", pid), kernel.journal().get(3));
        }

        @Test
        void procPidCgroupNamesTheCgroupItJoinedAndTheBindSourceOfItExists() {
            int pid = spawn("init");
            kernel.create("", "/c1");
            kernel.join("", "/c1", pid);

            assertEquals("0::/c1\n", kernel.read(pid, "cgroup").orElseThrow());
            assertEquals("0::/\n", kernel.read(spawn("other"), "cgroup").orElseThrow(), "in none: the root");
            kernel.mkdirs("/r/cg", 0755);
            kernel.mount(MountRequest.of(kernel.directory("", "/c1"), "/r/cg", "",
                    java.util.EnumSet.of(MountFlag.MS_BIND), ""));
        }

        /** As both native backends (CgroupsContract): the second create takes the cgroup that is there. */
        @Test
        void creatingACgroupTwiceKeepsTheOneThatIsThere() {
            kernel.create("", "/c1");
            kernel.write("", "/c1", "pids.max", "7");

            kernel.create("", "/c1");

            assertEquals(java.util.Optional.of("7"), kernel.read("", "/c1", "pids.max"));
        }

        @Test
        void writingToAMissingCgroupIsENOENT() {
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.write("", "/none", "cpu.max", "max")));
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.join("", "/none", 1)));
        }

        @Test
        void removingACgroupWithALiveMemberIsEBUSY() {
            int pid = spawn("init");
            kernel.create("", "/c1");
            kernel.join("", "/c1", pid);

            assertEquals(Errno.EBUSY, errnoOf(() -> kernel.remove("", "/c1")));
            assertEquals(List.of(pid), kernel.processes("", "/c1"));
        }

        @Test
        void afterTheMemberIsKilledTheCgroupCanBeRemoved() {
            int pid = spawn("init");
            kernel.create("", "/c1");
            kernel.join("", "/c1", pid);
            kernel.kill(pid, Signal.SIGKILL.number());

            assertEquals(List.of(), kernel.processes("", "/c1"));
            kernel.remove("", "/c1");

            assertTrue(kernel.read("", "/c1", "cgroup.procs").isEmpty());
            assertDoesNotThrow(() -> kernel.create("", "/c1"));
        }

        @Test
        void removingACgroupThatIsGoneIsNoError() {
            assertDoesNotThrow(() -> kernel.remove("", "/never"));
        }

        @Test
        void aDeviceProgramNeedsItsCgroupAndTheLatestReplacesTheFormer() {
            List<io.jrunc.ports.model.BpfInstruction> allow = List.of(
                    new io.jrunc.ports.model.BpfInstruction(0xb4, 0, 0, (short) 0, 1),
                    new io.jrunc.ports.model.BpfInstruction(0x95, 0, 0, (short) 0, 0));
            List<io.jrunc.ports.model.BpfInstruction> deny = List.of(
                    new io.jrunc.ports.model.BpfInstruction(0xb4, 0, 0, (short) 0, 0), allow.get(1));

            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.attachDeviceProgram("/none", allow)));
            kernel.create("", "/c1");
            kernel.attachDeviceProgram("/c1", allow);
            kernel.attachDeviceProgram("/c1", deny);

            assertEquals(deny, kernel.deviceProgram("/c1").orElseThrow());
            assertEquals(new Call.CgroupDeviceProgram("/c1", 2), kernel.journal().get(kernel.journal().size() - 1));
            kernel.remove("", "/c1");
            assertTrue(kernel.deviceProgram("/c1").isEmpty(), "the program goes with its cgroup");
        }

        @Test
        void joiningMovesAProcessOutOfItsFormerCgroup() {
            int pid = spawn("init");
            kernel.create("", "/a");
            kernel.create("", "/b");
            kernel.join("", "/a", pid);

            kernel.join("", "/b", pid);

            assertEquals(List.of(), kernel.processes("", "/a"));
            assertEquals(List.of(pid), kernel.processes("", "/b"));
            assertDoesNotThrow(() -> kernel.remove("", "/a"));
        }
    }

    @Nested
    class Limits {
        @Test
        void prlimitIsReadBackPerPidAndResource() {
            int pid = spawn("init");

            kernel.prlimit(pid, RlimitResource.RLIMIT_NOFILE, 1024, 4096);

            assertEquals(new FakeKernel.Rlimit(1024, 4096), kernel.rlimit(pid, RlimitResource.RLIMIT_NOFILE).orElseThrow());
            assertTrue(kernel.rlimit(pid, RlimitResource.RLIMIT_CORE).isEmpty());
            assertTrue(kernel.rlimit(0, RlimitResource.RLIMIT_NOFILE).isEmpty());
        }

        @Test
        void prlimitWithSoftAboveHardIsEINVALAndSetsNothing() {
            int pid = spawn("init");

            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.prlimit(pid, RlimitResource.RLIMIT_NOFILE, 4097, 4096)));

            assertTrue(kernel.rlimit(pid, RlimitResource.RLIMIT_NOFILE).isEmpty());
        }

        @Test
        void anInfiniteHardLimitAllowsAnySoftLimit() {
            kernel.prlimit(0, RlimitResource.RLIMIT_CORE, Long.MAX_VALUE, -1);
            kernel.prlimit(0, RlimitResource.RLIMIT_STACK, -1, -1);

            assertEquals(new FakeKernel.Rlimit(-1, -1), kernel.rlimit(0, RlimitResource.RLIMIT_STACK).orElseThrow());
        }

        @Test
        void anInfiniteSoftLimitOverAFiniteHardOneIsEINVAL() {
            // RLIM_INFINITY is ~0UL: the kernel compares limits unsigned, so it exceeds every finite hard limit.
            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.prlimit(0, RlimitResource.RLIMIT_NOFILE, -1, 4096)));
        }

        @Test
        void prlimitOnAReapedPidIsESRCH() {
            int pid = spawn("init");
            kernel.exit(pid, 0);
            kernel.waitFor(pid);

            assertEquals(Errno.ESRCH, errnoOf(() -> kernel.prlimit(pid, RlimitResource.RLIMIT_NOFILE, 1, 2)));
            assertEquals(Errno.ESRCH, errnoOf(() -> kernel.prlimit(4242, RlimitResource.RLIMIT_NOFILE, 1, 2)));
            assertTrue(kernel.rlimit(pid, RlimitResource.RLIMIT_NOFILE).isEmpty());
        }

        @Test
        void oomScoreAdjInRangeIsKept() {
            int pid = spawn("init");

            kernel.write(pid, "oom_score_adj", "-1000");
            kernel.write(0, "oom_score_adj", "1000");

            assertEquals("-1000", kernel.procValue(pid, "oom_score_adj").orElseThrow());
            assertEquals("1000", kernel.read(0, "oom_score_adj").orElseThrow());
            assertEquals(new Call.WriteProc(0, "oom_score_adj", "1000"), kernel.journal().get(2));
        }

        @Test
        void oomScoreAdjOutOfRangeIsEINVAL() {
            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.write(0, "oom_score_adj", "1001")));
            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.write(0, "oom_score_adj", "-1001")));
            assertEquals("0", kernel.read(0, "oom_score_adj").orElseThrow(), "the kernel's default, untouched");
        }

        @Test
        void aNonNumericOomScoreAdjIsEINVAL() {
            assertEquals(Errno.EINVAL, errnoOf(() -> kernel.write(0, "oom_score_adj", "high")));
        }

        @Test
        void writingUnderProcOfADeadPidIsENOENT() {
            int pid = spawn("init");
            kernel.exit(pid, 0);

            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.write(pid, "oom_score_adj", "0")));
        }
    }

    @Nested
    class Credentials {
        @Test
        void credentialsAndPrctlsAreKept() {
            kernel.setresgid(1, 2, 3);
            kernel.setresuid(4, 5, 6);
            kernel.setNoNewPrivileges();

            assertEquals(5, kernel.credentials().uid());
            assertEquals(2, kernel.credentials().gid());
            assertTrue(kernel.noNewPrivileges());
        }

        @Test
        void setnsOfAMissingNamespaceFileIsENOENT() {
            assertEquals(Errno.ENOENT, errnoOf(() -> kernel.setns("/var/run/netns/x", Namespace.NET)));
            assertDoesNotThrow(() -> kernel.setns("/proc/1/ns/net", Namespace.NET));
        }
    }
}

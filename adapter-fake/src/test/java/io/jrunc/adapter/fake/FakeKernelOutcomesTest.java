package io.jrunc.adapter.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.Signal;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the newer test hooks let a lifecycle test observe: fifo ends, signal handlers, exec'd programs, sockets. */
class FakeKernelOutcomesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final FakeKernel kernel = new FakeKernel();

    private int spawn() {
        return kernel.spawn(new SpawnRequest("/proc/self/exe", List.of("jrunc", "init"), List.of(), Set.of(), Map.of(),
                List.of(0, 1, 2)));
    }

    @Test
    void aTestCanReleaseTheInitWaitingOnItsExecFifoWithoutBlocking() {
        kernel.addDirectory("/run/c");
        kernel.mkfifo("/run/c/exec.fifo", 0622);
        assertTimeoutPreemptively(TIMEOUT, () -> {
            CompletableFuture<Void> init = CompletableFuture.runAsync(
                    () -> kernel.writeFifo("/run/c/exec.fifo", "0".getBytes(StandardCharsets.UTF_8)));
            while (!kernel.fifoWriterWaiting("/run/c/exec.fifo")) {
                Thread.sleep(1);
            }
            assertFalse(init.isDone());

            assertArrayEquals(new byte[] {'0'}, kernel.releaseFifoWriter("/run/c/exec.fifo").orElseThrow());
            init.get();
        });
        assertFalse(kernel.fifoWriterWaiting("/run/c/exec.fifo"));
        assertEquals(Optional.empty(), kernel.releaseFifoWriter("/run/c/exec.fifo").map(b -> b.length));
    }

    @Test
    void aTestCanFeedAReaderWaitingOnAFifo() {
        kernel.mkfifo("/f", 0600);
        assertFalse(kernel.releaseFifoReader("/f", new byte[] {1}), "no reader yet, nothing is left behind");
        assertTimeoutPreemptively(TIMEOUT, () -> {
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> kernel.readFifo("/f"));
            while (!kernel.fifoReaderWaiting("/f")) {
                Thread.sleep(1);
            }
            assertTrue(kernel.releaseFifoReader("/f", new byte[] {7}));
            assertArrayEquals(new byte[] {7}, reader.get());
        });
    }

    @Test
    void mkfifoWhereSomethingIsIsEEXIST() {
        kernel.mkfifo("/f", 0600);
        assertEquals(Errno.EEXIST, assertThrows(SyscallException.class, () -> kernel.mkfifo("/f", 0600)).errno());
    }

    @Test
    void aProcessThatHandlesSigtermSurvivesItButNotSigkill() {
        int pid = spawn();
        kernel.ignoreSignal(pid, Signal.SIGTERM.number());

        kernel.kill(pid, Signal.SIGTERM.number());
        assertTrue(kernel.isAlive(pid));
        kernel.kill(pid, Signal.SIGKILL.number());

        assertFalse(kernel.isAlive(pid));
        assertEquals(ExitStatus.killed(9), kernel.waitFor(pid));
    }

    @Test
    void execReplacesTheProgramOfTheProcessTheThreadActsAs() {
        kernel.addExecutable("/bin/sh");
        int pid = spawn();

        try (FakeKernel.Acting acting = kernel.actAs(pid)) {
            assertEquals(pid, kernel.self());
            kernel.exec("/bin/sh", List.of("sh", "-c", "true"), List.of("PATH=/bin"));
        }

        assertEquals(List.of("sh", "-c", "true"), kernel.program(pid).orElseThrow());
        assertEquals(FakeProcessTable.SELF, kernel.self());
        assertEquals(new Call.Exec("/bin/sh", List.of("sh", "-c", "true"), List.of("PATH=/bin")),
                kernel.journalOf(Call.Exec.class).get(0));
    }

    @Test
    void execOfAMissingProgramIsENOENTAndOfAPlainFileEACCES() {
        kernel.addFile("/etc/passwd");
        assertEquals(Errno.ENOENT, assertThrows(SyscallException.class,
                () -> kernel.exec("/bin/nope", List.of("nope"), List.of())).errno());
        assertEquals(Errno.EACCES, assertThrows(SyscallException.class,
                () -> kernel.exec("/etc/passwd", List.of("passwd"), List.of())).errno());
    }

    @Test
    void whatOneEndOfASocketPairWritesTheOtherReads() {
        int[] pair = kernel.socketPair();
        kernel.write(pair[0], "ready".getBytes(StandardCharsets.UTF_8));

        assertEquals("rea", new String(kernel.read(pair[1], 3), StandardCharsets.UTF_8));
        assertEquals("dy", new String(kernel.read(pair[1], 10), StandardCharsets.UTF_8));
        assertEquals(0, kernel.read(pair[1], 10).length);
    }

    @Test
    void cgroupsCanOnlyBeMadeInTheHierarchiesTheHostMounts() {
        kernel.setCgroupHierarchies(List.of("memory", "cpu,cpuacct"));

        kernel.create("memory", "/c");
        assertEquals(Errno.ENOENT, assertThrows(SyscallException.class, () -> kernel.create("", "/c")).errno());
        assertEquals(List.of("memory", "cpu,cpuacct"), kernel.hierarchies());
        assertTrue(kernel.cgroupExists("memory", "/c"));
    }

    @Test
    void removingAMissingCgroupIsNoErrorButWritingToOneIsENOENT() {
        kernel.remove("", "/gone");
        assertEquals(Errno.ENOENT, assertThrows(SyscallException.class,
                () -> kernel.write("", "/gone", "pids.max", "10")).errno());
    }

    @Test
    void credentialsKeepGroupsAndCapabilities() {
        kernel.setgroups(List.of(10, 20));
        kernel.setCapabilities(Set.of(0, 1), Set.of(0), Set.of(0, 1), Set.of(1), Set.of(1));

        FakeKernel.CallerCredentials c = kernel.credentials();
        assertEquals(List.of(10, 20), c.groups());
        assertEquals(Set.of(0), c.effective());
        assertEquals(Set.of(1), c.ambient());
        assertEquals(Errno.EPERM, assertThrows(SyscallException.class,
                () -> kernel.setCapabilities(Set.of(), Set.of(5), Set.of(), Set.of(), Set.of())).errno());
    }

    @Test
    void linksRoutesSysctlsAndSeccompFiltersAreKept() {
        kernel.linkUp("lo");
        kernel.addRoute(new io.jrunc.ports.model.RouteRequest("0.0.0.0/0", "10.0.0.1", "lo"));
        kernel.writeSysctl("net.ipv4.ip_forward", "1");

        assertEquals(List.of("lo"), kernel.linksUp());
        assertEquals(1, kernel.routes().size());
        assertEquals(Map.of("net.ipv4.ip_forward", "1"), kernel.sysctls());
        assertEquals("write(\"/proc/sys/net/ipv4/ip_forward\", \"1\")", kernel.journal().get(2).toString());
    }
}

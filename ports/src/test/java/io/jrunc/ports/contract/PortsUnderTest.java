package io.jrunc.ports.contract;

import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Syscalls;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One backend's ports, as the contracts drive them: the real kernel through FFM or JNA, or the fake.
 * Each adapter's tests supply one; the contracts are written once against it.
 */
public interface PortsUnderTest {
    /** The backend's implementation of a port, wired as the CLI wires it. */
    <T> T port(Class<T> type);

    default Filesystem filesystem() {
        return port(Filesystem.class);
    }

    default Mounts mounts() {
        return port(Mounts.class);
    }

    default Namespaces namespaces() {
        return port(Namespaces.class);
    }

    default Syscalls syscalls() {
        return port(Syscalls.class);
    }

    default ProcFs procFs() {
        return port(ProcFs.class);
    }

    default Processes processes() {
        return port(Processes.class);
    }

    default FileDescriptors fileDescriptors() {
        return port(FileDescriptors.class);
    }

    default Credentials credentials() {
        return port(Credentials.class);
    }

    default Network network() {
        return port(Network.class);
    }

    default io.jrunc.ports.ProcessAttributes processAttributes() {
        return port(io.jrunc.ports.ProcessAttributes.class);
    }

    default io.jrunc.ports.Cgroups cgroups() {
        return port(io.jrunc.ports.Cgroups.class);
    }

    /**
     * Runs {@code work} on a thread of its own that first unshares {@code namespaces} (with MOUNT, "/" is
     * made private, so nothing propagates to the host) and ends with it: mounts, a hostname, credentials
     * and a root it takes on die with the thread.
     */
    default <T> T isolated(Set<Namespace> namespaces, Supplier<T> work) {
        return onThrowawayThread(() -> {
            namespaces().unshare(namespaces);
            if (namespaces.contains(Namespace.MOUNT)) {
                mounts().mount(MountRequest.propagation("/", Set.of(MountFlag.MS_REC, MountFlag.MS_PRIVATE)));
            }
            return work.get();
        });
    }

    /** Runs {@code work} on a new thread that nothing reuses afterwards, and returns what it returned. */
    <T> T onThrowawayThread(Supplier<T> work);

    /** Whether the privileged cases run: the fake always, a real kernel as root. */
    boolean privileged();

    /**
     * Whether this is the kernel itself, whose files the test can read back through the JDK: the cases about
     * what lies under /proc (a real procfs, mounts over its files) run there only, the fake having no procfs.
     */
    default boolean realKernel() {
        return true;
    }

    /** Makes a directory of the host (a test's temp dir) known to the backend; a real kernel sees it already. */
    default void seedDirectory(String path) {
    }

    /** A regular file holding {@code content}, made by the test: no port writes a file's content. */
    default void seedFile(String path, String content) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(path), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Makes an executable of the host (/bin/sh, /bin/sleep) known to the backend. */
    default void seedExecutable(String path) {
    }

    // ----- Read-backs: what the kernel says was done, read around the ports (the real kernel's defaults read
    // /proc and stat through the JDK; the fake answers from its model). A contract that sets something reads
    // it back here, so the fake's positive behaviour is compared with the kernel's, not only its refusals.

    /** The calling thread's hostname, as its UTS namespace has it. */
    default String hostname() {
        return KernelReadBack.line(java.nio.file.Path.of("/proc/sys/kernel/hostname"));
    }

    default String domainname() {
        return KernelReadBack.line(java.nio.file.Path.of("/proc/sys/kernel/domainname"));
    }

    /** A capability set of the calling thread as /proc/thread-self/status gives it: "CapEff" … "CapAmb", in hex. */
    default String capabilities(String set) {
        return KernelReadBack.status(set);
    }

    /** The calling thread's umask. */
    default int umask() {
        return Integer.parseInt(KernelReadBack.status("Umask"), 8);
    }

    /** A process's soft and hard limit of {@code resource}; -1 is unlimited. */
    default long[] rlimit(int pid, io.jrunc.ports.model.RlimitResource resource) {
        return KernelReadBack.rlimit(pid, resource);
    }

    /** uid and gid of what is at {@code path}, not following a link. */
    default java.util.List<Integer> owner(String path) {
        return KernelReadBack.owner(path);
    }

    /** A node's type letter and numbers as stat(2) gives them: "c 1:3", "b 7:0", "p 0:0". */
    default String deviceNode(String path) {
        return KernelReadBack.deviceNode(path);
    }

    /** The calling thread's namespace of {@code type}, as readlink of /proc/thread-self/ns/NAME gives it. */
    default String namespace(Namespace type) {
        return KernelReadBack.link("/proc/thread-self/ns/" + type.procName());
    }

    /** An fd a spawned program would inherit (no O_CLOEXEC), opened on {@code path} by the test. */
    default int openInherited(String path) {
        return KernelReadBack.openInherited(path);
    }

    /** Whether {@code fd} is marked close-on-exec (the flags of /proc/thread-self/fdinfo/FD). */
    default boolean closeOnExec(int fd) {
        return KernelReadBack.closeOnExec(fd);
    }

    /**
     * A unix stream socket bound to {@code path} and listening, made by the test as an engine's console socket or a
     * seccomp agent is (no port listens: the runtime only connects); its fd, which {@link FileDescriptors#close}
     * closes (the socket file stays).
     */
    int listenUnix(String path);

    /** accept4 on {@link #listenUnix}'s fd, close-on-exec: the server end of the oldest waiting connection. */
    int acceptUnix(int listener);

    /** What {@code fd} leads to, as readlink of /proc/self/fd/FD gives it. */
    default String fdPath(int fd) {
        return KernelReadBack.link("/proc/self/fd/" + fd);
    }

    /** Closes what {@link #openInherited} opened. */
    default void closeInherited(int fd) {
        KernelReadBack.closeInherited(fd);
    }

    /**
     * A spawned {@code /bin/sh -c "exit N"} ends by itself on a real kernel; the fake runs no program,
     * so it is told here that the process exited with {@code code}.
     */
    default void programExited(int pid, int code) {
    }

    /** A program that {@link Processes#run} runs ends by itself on a real kernel; the fake is told how. */
    default void programRunEnds(String executable, io.jrunc.ports.model.ProgramResult result) {
    }
}

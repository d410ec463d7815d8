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

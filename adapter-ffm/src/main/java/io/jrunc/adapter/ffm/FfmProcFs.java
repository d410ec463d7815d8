package io.jrunc.adapter.ffm;

import io.jrunc.ports.ProcFs;
import io.jrunc.ports.model.ProcfsWrite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** /proc/[pid]/… and /proc/sys/…, through open/write so the kernel's errno reaches the caller. */
final class FfmProcFs implements ProcFs {
    private static final String APPARMOR_EXEC = "attr/apparmor/exec";
    private static final String LEGACY_EXEC = "attr/exec";

    @Override
    public void write(int pid, String relativePath, String value) {
        // Through a handle checked to be procfs, no link or mount crossed (CVE-2025-52881), as the sysctls.
        ProcfsWrite.write(path(pid, lsmPath(pid, relativePath)), value.getBytes(StandardCharsets.UTF_8),
                FfmBeneath.CALLS);
    }

    @Override
    public Optional<String> read(int pid, String relativePath) {
        return FfmFileIo.readIfExists(path(pid, lsmPath(pid, relativePath)));
    }

    @Override
    public void writeSysctl(String key, String value) {
        ProcfsWrite.write("/proc/sys/" + key.replace('.', '/'), value.getBytes(StandardCharsets.UTF_8),
                FfmBeneath.CALLS);
    }

    /** Kernels before 5.8 have no attr/apparmor/; runc falls back to the shared attr/exec then. */
    private static String lsmPath(int pid, String relativePath) {
        if (relativePath.equals(APPARMOR_EXEC) && !Files.exists(Path.of(path(pid, APPARMOR_EXEC)))) {
            return LEGACY_EXEC;
        }
        return relativePath;
    }

    /**
     * attr/* are the calling thread's own attributes, and the kernel lets only that thread write them, so
     * "self" becomes thread-self there; so for timens_offsets, the offsets of the time namespace the calling
     * thread made for its children, which only /proc/TID has (a task/ directory has no such file).
     * Everything else under /proc/self belongs to the whole process.
     */
    static String path(int pid, String relativePath) {
        if (pid == 0 && relativePath.equals(TIMENS_OFFSETS)) {
            return "/proc/" + callingThread() + "/" + relativePath;
        }
        String dir = pid != 0 ? String.valueOf(pid) : relativePath.startsWith("attr/") ? "thread-self" : "self";
        return "/proc/" + dir + "/" + relativePath;
    }

    private static final String TIMENS_OFFSETS = "timens_offsets";

    /** The calling thread's id, from /proc/thread-self ("PID/task/TID"), which the kernel resolves per thread. */
    private static String callingThread() {
        try {
            java.nio.file.Path link = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self"));
            return link.getFileName().toString();
        } catch (java.io.IOException e) {
            throw new io.jrunc.ports.model.SyscallException("readlink", io.jrunc.ports.model.Errno.ENOENT,
                    "/proc/thread-self: " + e.getMessage());
        }
    }
}

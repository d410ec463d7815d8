package io.jrunc.adapter.jna;

import io.jrunc.ports.ProcFs;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ProcfsWrite;
import io.jrunc.ports.model.SyscallException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

final class JnaProcFs implements ProcFs {
    private static final String APPARMOR_PREFIX = "attr/apparmor/";
    private static final String ATTR_PREFIX = "attr/";

    @Override
    public void write(int pid, String relativePath, String value) {
        byte[] content = value.getBytes(StandardCharsets.UTF_8);
        try {
            ProcfsWrite.write(path(pid, relativePath), content, JnaBeneath.CALLS);
        } catch (SyscallException e) {
            // Kernels without LSM stacking have no attr/apparmor/ directory, only the older attr/<name>
            // that AppArmor answers on its own; runc falls back the same way.
            if (e.errno() != Errno.ENOENT || !relativePath.startsWith(APPARMOR_PREFIX)) {
                throw e;
            }
            ProcfsWrite.write(path(pid, ATTR_PREFIX + relativePath.substring(APPARMOR_PREFIX.length())), content,
                    JnaBeneath.CALLS);
        }
    }

    @Override
    public Optional<String> read(int pid, String relativePath) {
        return JnaFileIo.readIfExists(path(pid, relativePath))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void writeSysctl(String key, String value) {
        ProcfsWrite.write("/proc/sys/" + key.replace('.', '/'), value.getBytes(StandardCharsets.UTF_8),
                JnaBeneath.CALLS);
    }

    /**
     * pid 0 is the caller. The LSM attributes under attr/ belong to a task and the kernel lets only that
     * task write them, so for them "the caller" is the calling thread: in a JVM it is never the thread
     * group leader that /proc/self names. So does timens_offsets, the offsets of the time namespace the calling
     * thread made for its children, which only /proc/TID has (a task/ directory has no such file).
     */
    static String path(int pid, String relativePath) {
        if (pid == 0 && relativePath.equals(TIMENS_OFFSETS)) {
            return "/proc/" + callingThread() + "/" + relativePath;
        }
        String who = pid != 0 ? Integer.toString(pid) : relativePath.startsWith(ATTR_PREFIX) ? "thread-self" : "self";
        return "/proc/" + who + "/" + relativePath;
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

package io.jrunc.adapter.jna;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

import io.jrunc.ports.FsCredentials;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.Locale;

/** setfsuid/setfsgid as raw system calls (glibc's are per thread too, but say nothing of a refusal). */
final class JnaFsCredentials implements FsCredentials {
    private static final boolean ARM = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).startsWith("a");
    private static final long SYS_SETFSUID = ARM ? 151 : 122;
    private static final long SYS_SETFSGID = ARM ? 152 : 123;

    @Override
    public void createFilesAs(int uid, int gid) {
        // Both calls answer the previous id, never an error: asking again with -1 (no change) says what took.
        INSTANCE.syscall(SYS_SETFSGID, Integer.toUnsignedLong(gid), 0, 0);
        INSTANCE.syscall(SYS_SETFSUID, Integer.toUnsignedLong(uid), 0, 0);
        long fsgid = INSTANCE.syscall(SYS_SETFSGID, 0xffffffffL, 0, 0);
        long fsuid = INSTANCE.syscall(SYS_SETFSUID, 0xffffffffL, 0, 0);
        if ((int) fsuid != uid || (int) fsgid != gid) {
            throw new SyscallException("setfsuid", Errno.EPERM, uid + ":" + gid);
        }
        int[] header = JnaCapabilitySets.header();
        int[] data = new int[6];
        JnaCheck.call("capget", "", () -> INSTANCE.capget(header, data));
        for (int word = 0; word < 2; word++) {
            data[word * 3] = data[word * 3 + 1];
        }
        JnaCheck.call("capset", "effective=permitted", () -> INSTANCE.capset(header, data));
    }
}

package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jrunc.ports.FsCredentials;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.MemorySegment;

/** setfsuid/setfsgid as raw system calls (glibc's are per thread too, but say nothing of a refusal). */
final class FfmFsCredentials implements FsCredentials {
    private static final long SYS_SETFSUID = FfmLibc.sysno(122, 151);
    private static final long SYS_SETFSGID = FfmLibc.sysno(123, 152);
    private static final long SYS_CAPGET = FfmLibc.sysno(125, 90);
    private static final long SYS_CAPSET = FfmLibc.sysno(126, 91);
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** Two {effective, permitted, inheritable} structs: caps 0-31, then 32-63. */
    private static final int CAP_DATA_INTS = 6;

    @Override
    public void createFilesAs(int uid, int gid) {
        // Both calls answer the previous id, never an error: asking again with -1 (no change) says what took.
        FfmLibc.syscall("setfsgid", Integer.toUnsignedString(gid), SYS_SETFSGID, Integer.toUnsignedLong(gid));
        FfmLibc.syscall("setfsuid", Integer.toUnsignedString(uid), SYS_SETFSUID, Integer.toUnsignedLong(uid));
        long fsgid = FfmLibc.syscall("setfsgid", "-1", SYS_SETFSGID, 0xffffffffL);
        long fsuid = FfmLibc.syscall("setfsuid", "-1", SYS_SETFSUID, 0xffffffffL);
        if ((int) fsuid != uid || (int) fsgid != gid) {
            throw new SyscallException("setfsuid", Errno.EPERM, uid + ":" + gid);
        }
        FfmLibc.call("capset", "effective=permitted", (arena, state) -> {
            MemorySegment header = arena.allocate(JAVA_INT, 2);
            header.setAtIndex(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            MemorySegment data = arena.allocate(JAVA_INT, CAP_DATA_INTS);
            long rc = FfmLibc.syscall(state, SYS_CAPGET, header.address(), data.address());
            if (rc < 0) {
                return rc;
            }
            for (int word = 0; word < 2; word++) {
                data.setAtIndex(JAVA_INT, word * 3, data.getAtIndex(JAVA_INT, word * 3 + 1));
            }
            return FfmLibc.syscall(state, SYS_CAPSET, header.address(), data.address());
        });
    }
}

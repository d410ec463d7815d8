package io.jrunc.adapter.jna;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.jrunc.ports.FsCredentials;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

/** setfsuid/setfsgid, per thread (glibc does not broadcast them), then the effective set raised again. */
final class JnaFsCredentials implements FsCredentials {
    /**
     * glibc's own wrappers, which make the system call on this thread only. Declared without LastErrorException:
     * neither call sets errno (each answers the previous id), so a stale one must not read as a failure.
     */
    interface FsIds extends Library {
        FsIds INSTANCE = Native.load("c", FsIds.class);

        int setfsuid(int uid);

        int setfsgid(int gid);
    }

    @Override
    public void createFilesAs(int uid, int gid) {
        // Both calls answer the previous id, never an error: asking again with -1 (no change) says what took.
        FsIds.INSTANCE.setfsgid(gid);
        FsIds.INSTANCE.setfsuid(uid);
        int fsgid = FsIds.INSTANCE.setfsgid(-1);
        int fsuid = FsIds.INSTANCE.setfsuid(-1);
        if (fsuid != uid || fsgid != gid) {
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

package io.jrunc.domain.init;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

/**
 * runc's words for a process user its user namespace does not map (setupUser checks the uid, then the gid, before
 * it sets either). The kernel says EINVAL for either id alone, so which one it was is told by the process's own
 * uid_map, read only on this failure path.
 */
final class UnmappedUser {
    static final String UID = "cannot set uid to unmapped user in user namespace";
    static final String GID = "cannot set gid to unmapped user in user namespace";

    private UnmappedUser() {
    }

    /** {@code e}: setresgid's or setresuid's EINVAL. */
    static SyscallException refusal(SyscallException e, int uid, InitProcess init) {
        boolean uidMapped = e.syscall().equals("setresgid") && maps(readUidMap(init), uid);
        return SyscallException.refusal(e.syscall(), Errno.EINVAL, uidMapped ? GID : UID);
    }

    private static String readUidMap(InitProcess init) {
        try {
            return init.readOwn("uid_map");
        } catch (SyscallException unreadable) {
            return "";
        }
    }

    /** Whether a uid_map ("inside outside count" lines) maps {@code id}. */
    static boolean maps(String map, int id) {
        long wanted = Integer.toUnsignedLong(id);
        for (String line : map.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                continue;
            }
            try {
                long first = Long.parseLong(f[0]);
                long count = Long.parseLong(f[2]);
                if (wanted >= first && wanted - first < count) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // Not a line of the kernel's: skip it.
            }
        }
        return false;
    }
}

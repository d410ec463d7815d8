package io.jrunc.adapter.jna;

import io.jrunc.ports.Credentials;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

/**
 * Raw per-thread system calls: glibc's setresuid/setgroups signal every thread of the process to change
 * too, which would turn the whole runtime into the container's user.
 */
final class JnaCredentials implements Credentials {
    private static final int PR_CAPBSET_READ = 23;
    private static final int PR_CAPBSET_DROP = 24;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_SET_KEEPCAPS = 8;
    private static final int PR_CAP_AMBIENT = 47;
    private static final int PR_CAP_AMBIENT_RAISE = 2;
    private static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private static final String CAP_LAST_CAP = "/proc/sys/kernel/cap_last_cap";

    @Override
    public void setgroups(List<Integer> gids) {
        int[] groups = gids.stream().mapToInt(Integer::intValue).toArray();
        long number = JnaSyscallNumbers.SETGROUPS.number();
        JnaCheck.callLong("setgroups", gids.toString(),
                () -> INSTANCE.syscall(number, groups.length, groups.length == 0 ? null : groups));
    }

    @Override
    public void setresgid(int rgid, int egid, int sgid) {
        long number = JnaSyscallNumbers.SETRESGID.number();
        JnaCheck.callLong("setresgid", rgid + " " + egid + " " + sgid, () -> INSTANCE.syscall(number, rgid, egid, sgid));
    }

    @Override
    public void setresuid(int ruid, int euid, int suid) {
        long number = JnaSyscallNumbers.SETRESUID.number();
        JnaCheck.callLong("setresuid", ruid + " " + euid + " " + suid, () -> INSTANCE.syscall(number, ruid, euid, suid));
    }

    @Override
    public void setKeepCapabilities(boolean keep) {
        prctl("PR_SET_KEEPCAPS", PR_SET_KEEPCAPS, keep ? 1 : 0, 0);
    }

    @Override
    public void setNoNewPrivileges() {
        prctl("PR_SET_NO_NEW_PRIVS", PR_SET_NO_NEW_PRIVS, 1, 0);
    }

    /**
     * Bounding set first (dropping needs CAP_SETPCAP, which capset may take away), then capset, then the
     * ambient set (the kernel raises an ambient cap only when it is permitted and inheritable already).
     */
    @Override
    public void setCapabilities(Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                                Set<Integer> inheritable, Set<Integer> ambient) {
        int last = lastCap();
        for (int cap = 0; cap <= last; cap++) {
            if (!bounding.contains(cap) && prctl("PR_CAPBSET_READ", PR_CAPBSET_READ, cap, 0) == 1) {
                prctl("PR_CAPBSET_DROP", PR_CAPBSET_DROP, cap, 0);
            }
        }
        int[] header = JnaCapabilitySets.header();
        int[] data = JnaCapabilitySets.data(effective, permitted, inheritable);
        JnaCheck.call("capset", "", () -> INSTANCE.capset(header, data));
        prctl("PR_CAP_AMBIENT_CLEAR_ALL", PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0);
        for (int cap : ambient) {
            prctl("PR_CAP_AMBIENT_RAISE", PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap);
        }
    }

    private static int lastCap() {
        return JnaFileIo.readIfExists(CAP_LAST_CAP)
                .map(bytes -> Integer.parseInt(new String(bytes, StandardCharsets.US_ASCII).trim()))
                .orElse(40); // CAP_CHECKPOINT_RESTORE, the last one of Linux 5.9+
    }

    private static int prctl(String what, int option, long a2, long a3) {
        return JnaCheck.call("prctl", what + (a2 == 0 && a3 == 0 ? "" : " " + (a3 == 0 ? a2 : a3)),
                () -> INSTANCE.prctl(option, a2, a3, 0, 0));
    }
}

package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jrunc.ports.Credentials;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The raw, per-thread credential system calls. glibc's setresuid/setgroups signal every thread of the
 * process to change with it (the setxid broadcast), which would turn the whole JVM into the container's user.
 */
final class FfmCredentials implements Credentials {
    private static final long SYS_SETGROUPS = FfmLibc.sysno(116, 159);
    private static final long SYS_SETRESUID = FfmLibc.sysno(117, 147);
    private static final long SYS_SETRESGID = FfmLibc.sysno(119, 149);

    private static final int PR_CAPBSET_READ = 23;
    private static final int PR_CAPBSET_DROP = 24;
    private static final int PR_SET_KEEPCAPS = 8;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_CAP_AMBIENT = 47;
    private static final int PR_CAP_AMBIENT_RAISE = 2;
    private static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** struct __user_cap_data_struct: effective, permitted, inheritable; v3 takes two of them (caps 0-63). */
    private static final int CAP_DATA_INTS = 3;

    private static final class capset {
        static final FfmFunction FUNCTION = FfmFunction.of("capset", 2);
    }

    @Override
    public void setgroups(List<Integer> gids) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, gids.size()));
            for (int i = 0; i < gids.size(); i++) {
                list.setAtIndex(JAVA_INT, i, gids.get(i));
            }
            FfmLibc.syscall("setgroups", gids.toString(), SYS_SETGROUPS, gids.size(), list.address());
        }
    }

    @Override
    public void setresgid(int rgid, int egid, int sgid) {
        FfmLibc.syscall("setresgid", rgid + ", " + egid + ", " + sgid, SYS_SETRESGID, rgid, egid, sgid);
    }

    @Override
    public void setresuid(int ruid, int euid, int suid) {
        FfmLibc.syscall("setresuid", ruid + ", " + euid + ", " + suid, SYS_SETRESUID, ruid, euid, suid);
    }

    @Override
    public void setKeepCapabilities(boolean keep) {
        FfmLibc.prctl("PR_SET_KEEPCAPS", PR_SET_KEEPCAPS, keep ? 1 : 0, 0, 0, 0);
    }

    @Override
    public void setNoNewPrivileges() {
        FfmLibc.prctl("PR_SET_NO_NEW_PRIVS", PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    }

    /**
     * The bounding set first (dropping needs CAP_SETPCAP, which capset may take away), then capset, then the
     * ambient set (a cap can only be ambient when it is permitted and inheritable).
     */
    @Override
    public void setCapabilities(Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                                Set<Integer> inheritable, Set<Integer> ambient) {
        int last = lastCap();
        for (int cap = 0; cap <= last; cap++) {
            // Dropping takes CAP_SETPCAP even for a cap already gone, which a process no longer root lacks.
            if (!bounding.contains(cap) && FfmLibc.prctl("PR_CAPBSET_READ " + cap, PR_CAPBSET_READ, cap, 0, 0, 0) == 1) {
                FfmLibc.prctl("PR_CAPBSET_DROP " + cap, PR_CAPBSET_DROP, cap, 0, 0, 0);
            }
        }
        capset(effective, permitted, inheritable);
        FfmLibc.prctl("PR_CAP_AMBIENT_CLEAR_ALL", PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        for (int cap : ambient) {
            FfmLibc.prctl("PR_CAP_AMBIENT_RAISE " + cap, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0);
        }
    }

    private static void capset(Set<Integer> effective, Set<Integer> permitted, Set<Integer> inheritable) {
        FfmLibc.call("capset", "effective=" + effective + ", permitted=" + permitted, (arena, state) -> {
            MemorySegment header = arena.allocate(JAVA_INT, 2);
            header.setAtIndex(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            header.setAtIndex(JAVA_INT, 1, 0);
            MemorySegment data = arena.allocate(JAVA_INT, 2 * CAP_DATA_INTS);
            for (int word = 0; word < 2; word++) {
                data.setAtIndex(JAVA_INT, word * CAP_DATA_INTS, capWord(effective, word));
                data.setAtIndex(JAVA_INT, word * CAP_DATA_INTS + 1, capWord(permitted, word));
                data.setAtIndex(JAVA_INT, word * CAP_DATA_INTS + 2, capWord(inheritable, word));
            }
            return capset.FUNCTION.invoke(state, header.address(), data.address());
        });
    }

    /** The 32 capability bits {@code word} (0: caps 0-31, 1: caps 32-63) of a set. */
    static int capWord(Set<Integer> caps, int word) {
        int bits = 0;
        for (int cap : caps) {
            if (cap / 32 == word) {
                bits |= 1 << (cap % 32);
            }
        }
        return bits;
    }

    private static int lastCap() {
        return Integer.parseInt(new String(FfmFileIo.read("/proc/sys/kernel/cap_last_cap"), StandardCharsets.UTF_8)
                .trim());
    }
}

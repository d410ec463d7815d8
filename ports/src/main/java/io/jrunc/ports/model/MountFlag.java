package io.jrunc.ports.model;

import java.util.Set;

/** mount(2) flags, named as in the kernel's headers. */
public enum MountFlag {
    MS_RDONLY(1L),
    MS_NOSUID(2L),
    MS_NODEV(4L),
    MS_NOEXEC(8L),
    MS_SYNCHRONOUS(16L),
    MS_REMOUNT(32L),
    MS_MANDLOCK(64L),
    MS_DIRSYNC(128L),
    MS_NOSYMFOLLOW(256L),
    MS_NOATIME(1024L),
    MS_NODIRATIME(2048L),
    MS_BIND(4096L),
    MS_MOVE(8192L),
    MS_REC(16384L),
    MS_SILENT(32768L),
    MS_POSIXACL(1L << 16),
    MS_UNBINDABLE(1L << 17),
    MS_PRIVATE(1L << 18),
    MS_SLAVE(1L << 19),
    MS_SHARED(1L << 20),
    MS_RELATIME(1L << 21),
    MS_KERNMOUNT(1L << 22),
    MS_I_VERSION(1L << 23),
    MS_STRICTATIME(1L << 24),
    MS_LAZYTIME(1L << 25);

    private final long bit;

    MountFlag(long bit) {
        this.bit = bit;
    }

    public long bit() {
        return bit;
    }

    public static long bits(Set<MountFlag> flags) {
        long bits = 0;
        for (MountFlag f : flags) {
            bits |= f.bit;
        }
        return bits;
    }
}

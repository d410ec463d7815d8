package io.jrunc.ports.model;

/**
 * The ioctl requests a pty is driven by, as asm-generic numbers them (the same on x86-64 and AArch64); both native
 * backends make them through ioctl(2). struct winsize is two u16s, rows then columns, and two unused.
 */
public final class PtyIoctls {
    public static final long TCGETS = 0x5401;
    public static final long TCSETS = 0x5402;
    public static final long TIOCGWINSZ = 0x5413;
    public static final long TIOCSWINSZ = 0x5414;
    /** _IOW('T', 0x31, int): 0 unlocks a new master's peer. */
    public static final long TIOCSPTLCK = 0x40045431L;
    public static final long TIOCGPTPEER = 0x5441;
    /** sizeof(struct winsize). */
    public static final int WINSIZE_SIZE = 8;
    /** open(2)'s O_RDWR, for /dev/ptmx and the peer TIOCGPTPEER opens. */
    public static final int O_RDWR = 2;

    private PtyIoctls() {
    }
}

package io.jrunc.ports.model;

/**
 * A target path as openat2(RESOLVE_IN_ROOT) takes it: relative to the root it must stay under. Both native
 * backends mount beneath a root with it ({@link io.jrunc.ports.Mounts#mountBeneath}).
 */
public final class BeneathRoot {
    /** openat2's RESOLVE_IN_ROOT: every lookup, ".." and absolute links included, stays under the dirfd. */
    public static final long RESOLVE_IN_ROOT = 0x10;
    /** openat2 has one number on x86-64 and AArch64, as every system call added since 5.x. */
    public static final long SYS_OPENAT2 = 437;
    /** sizeof(struct open_how): flags, mode, resolve, each a u64. */
    public static final long OPEN_HOW_SIZE = 24;

    private BeneathRoot() {
    }

    /** {@code target} relative to {@code root} ("." for the root itself); refused when it is not under it. */
    public static String relative(String root, String target) {
        String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        if (target.equals(base)) {
            return ".";
        }
        if (!target.startsWith(base + "/")) {
            throw new IllegalArgumentException(target + " is not under " + root);
        }
        return target.substring(base.length() + 1);
    }
}

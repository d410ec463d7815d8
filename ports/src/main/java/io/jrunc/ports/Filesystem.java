package io.jrunc.ports;

import io.jrunc.ports.model.DeviceNode;
import java.util.Optional;

/** The file operations the runtime and the container's init make, path by path. */
public interface Filesystem {
    boolean exists(String path);

    boolean isDirectory(String path);

    /** mkdir -p with the given mode for the directories it creates. */
    void mkdirs(String path, int mode);

    /** Creates an empty regular file if none is there (a bind-mount target for a file). */
    void touch(String path, int mode);

    /**
     * {@link #mkdirs} of a path under {@code root} with no link left in it, each level entered beneath the one
     * before (openat2 with RESOLVE_IN_ROOT and RESOLVE_NO_SYMLINKS): a link swapped in since the path was
     * resolved is ELOOP, never followed out of {@code root}. Where the kernel has no openat2, {@link #mkdirs}.
     */
    void mkdirsBeneath(String root, String path, int mode);

    /** {@link #touch} in the same way as {@link #mkdirsBeneath}, the last component included. */
    void touchBeneath(String root, String path, int mode);

    /** Creates the node with exactly its mode, whatever the process umask. */
    void mknod(DeviceNode node);

    /**
     * {@link #mknod} of a node whose path lies under {@code root} with no link left in it, through fds: its
     * directory entered beneath {@code root} following no link, the node made there by name, its mode and owner set
     * through an fd on it checked to be that node ({@link io.jrunc.ports.model.NodesBeneath}, CVE-2021-30465's
     * race): a link swapped in meanwhile is refused, never followed. Where the kernel has no openat2, {@link #mknod}.
     */
    void mknodBeneath(String root, DeviceNode node);

    /** {@link #symlink} in the same way as {@link #mknodBeneath}: the link is made in its directory opened beneath root. */
    void symlinkBeneath(String root, String target, String linkPath);

    /** {@link #remove} in the same way as {@link #mknodBeneath}: the entry removed from its directory opened beneath root. */
    void removeBeneath(String root, String path);

    void symlink(String target, String linkPath);

    /**
     * The text of the symbolic link at {@code path}, as readlink(2) gives it (not resolved); empty when
     * {@code path} is no link or nothing is there.
     */
    Optional<String> readlink(String path);

    void chown(String path, int uid, int gid);

    void chdir(String path);

    /** Creates a fifo with exactly {@code mode}, whatever the process umask. */
    void mkfifo(String path, int mode);

    /**
     * Opens a fifo for reading and reads it to its end. Blocks until a writer opens it: this is how
     * {@code start} releases a created container's init, which waits on its exec fifo.
     */
    byte[] readFifo(String path);

    /**
     * Opens a fifo for writing and writes {@code content}: blocks until a reader opens it. The init waits
     * here, on its exec fifo, until {@code start}.
     */
    void writeFifo(String path, byte[] content);

    /**
     * The content of the regular file at {@code path}, its links followed as the caller's root resolves them
     * (after the switch of root, the container's own); empty when nothing is there or what is there is no
     * regular file, which is never opened. EFBIG when it holds more than {@code maxBytes}.
     */
    Optional<byte[]> readFile(String path, int maxBytes);

    /** Whether the path is a regular file some execute bit is set on (for a PATH lookup). */
    boolean isExecutable(String path);

    /** unlink(2) or rmdir(2); no error when nothing is there. */
    void remove(String path);

    /** rm -rf without crossing mount points. */
    void removeTree(String path);
}

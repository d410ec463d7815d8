package io.jrunc.adapter.ffm;


import io.jrunc.ports.Filesystem;
import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.NodesBeneath;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountInfo;
import io.jrunc.ports.model.RegularFileContent;
import io.jrunc.ports.model.SymlinkText;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.TreeRemoval;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Files by path, with the native call wherever its semantics matter: device numbers, fifos that block,
 * the process-wide cwd (which java.nio neither changes nor follows).
 */
final class FfmFilesystem implements Filesystem {
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int X_OK = 1;

    private static final class mkdir {
        static final FfmFunction FUNCTION = FfmFunction.of("mkdir", 2);
    }

    private static final class mknod {
        static final FfmFunction FUNCTION = FfmFunction.of("mknod", 3);
    }

    private static final class mkfifo {
        static final FfmFunction FUNCTION = FfmFunction.of("mkfifo", 2);
    }

    private static final class chmod {
        static final FfmFunction FUNCTION = FfmFunction.of("chmod", 2);
    }

    private static final class symlink {
        static final FfmFunction FUNCTION = FfmFunction.of("symlink", 2);
    }

    private static final class chown {
        static final FfmFunction FUNCTION = FfmFunction.of("chown", 3);
    }

    private static final class chdir {
        static final FfmFunction FUNCTION = FfmFunction.of("chdir", 1);
    }

    private static final class access {
        static final FfmFunction FUNCTION = FfmFunction.of("access", 2);
    }

    private static final class unlink {
        static final FfmFunction FUNCTION = FfmFunction.of("unlink", 1);
    }

    private static final class rmdir {
        static final FfmFunction FUNCTION = FfmFunction.of("rmdir", 1);
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path));
    }

    /**
     * mkdir -p, as Go's MkdirAll: a directory that is there ends the walk up, and only the missing levels are
     * made, top down. Walking down from the root instead met EEXIST at every existing level, an exception
     * each (about a hundred per run).
     */
    @Override
    public void mkdirs(String path, int mode) {
        mkdirs(path, mode, true);
    }

    private static void mkdirs(String path, int mode, boolean last) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        String dir = path.substring(0, end);
        if (dir.isEmpty() || Files.isDirectory(Path.of(dir))) {
            return;
        }
        int slash = dir.lastIndexOf('/');
        if (slash > 0) {
            mkdirs(dir.substring(0, slash), mode, false);
        }
        mkdir(dir, mode, last);
    }

    /**
     * mkdir that accepts an existing directory, and only a directory. What is in the way is EEXIST at the
     * end of the path and ENOTDIR on the way, as mkdir(2) of the whole path would say.
     */
    static void mkdir(String path, int mode, boolean last) {
        try {
            FfmLibc.call("mkdir", path,
                    (arena, state) -> mkdir.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path), mode));
        } catch (SyscallException e) {
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
            if (!Files.isDirectory(Path.of(path))) {
                throw last ? e : new SyscallException("mkdir", Errno.ENOTDIR, path);
            }
        }
    }

    /** A directory on the way to another: something else in its place is ENOTDIR. */
    static void mkdir(String path, int mode) {
        mkdir(path, mode, false);
    }

    @Override
    public void touch(String path, int mode) {
        if (Files.isDirectory(Path.of(path))) {
            throw new SyscallException("open", Errno.EISDIR, path); // what open(O_CREAT) of a directory says
        }
        // O_EXCL, and nothing when something is there: opening an existing fifo or device could block or act
        if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int fd;
        try {
            fd = FfmLibc.open(path, FfmLibc.O_WRONLY | FfmLibc.O_CREAT | FfmLibc.O_EXCL | FfmLibc.O_CLOEXEC
                    | FfmLibc.O_NOCTTY, mode);
        } catch (SyscallException e) {
            if (e.errno() == Errno.EEXIST) {
                return;
            }
            throw e;
        }
        FfmLibc.close(fd);
    }

    @Override
    public void mkdirsBeneath(String root, String path, int mode) {
        BeneathRoot.mkdirs(root, path, mode, FfmBeneath.CALLS, () -> mkdirs(path, mode));
    }

    @Override
    public void touchBeneath(String root, String path, int mode) {
        BeneathRoot.touch(root, path, mode, FfmBeneath.CALLS, () -> touch(path, mode));
    }

    @Override
    public void mknodBeneath(String root, DeviceNode node) {
        NodesBeneath.mknod(root, node, FfmBeneath.CALLS, () -> mknod(node));
    }

    @Override
    public void symlinkBeneath(String root, String target, String linkPath) {
        NodesBeneath.symlink(root, target, linkPath, FfmBeneath.CALLS, () -> symlink(target, linkPath));
    }

    @Override
    public void removeBeneath(String root, String path) {
        NodesBeneath.remove(root, path, FfmBeneath.CALLS, () -> remove(path));
    }

    @Override
    public void mknod(DeviceNode node) {
        int mode = node.mode() | switch (node.type()) {
            case 'c' -> S_IFCHR;
            case 'b' -> S_IFBLK;
            default -> S_IFIFO;
        };
        long dev = makedev(node.major(), node.minor());
        FfmLibc.call("mknod", node.path(),
                (arena, state) -> mknod.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, node.path()), mode, dev));
        exactMode(node.path(), node.mode());
        chown(node.path(), node.uid(), node.gid());
    }

    /** The mode asked for, not what the process umask leaves of it: /dev/null must be 0666 for every user. */
    private static void exactMode(String path, int mode) {
        FfmLibc.call("chmod", path,
                (arena, state) -> chmod.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path), mode & 07777));
    }

    /** glibc's gnu_dev_makedev: 12 bits of major and 8 of minor low, the rest high. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    @Override
    public void symlink(String target, String linkPath) {
        FfmLibc.call("symlink", linkPath + " -> " + target, (arena, state) -> symlink.FUNCTION.invoke(state,
                FfmLibc.cStringAddress(arena, target), FfmLibc.cStringAddress(arena, linkPath)));
    }

    @Override
    public Optional<String> readlink(String path) {
        return SymlinkText.of(path);
    }

    @Override
    public Optional<byte[]> readFile(String path, int maxBytes) {
        return RegularFileContent.read(path, maxBytes);
    }

    @Override
    public void chown(String path, int uid, int gid) {
        FfmLibc.call("chown", path + " " + uid + ":" + gid,
                (arena, state) -> chown.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path), uid, gid));
    }

    @Override
    public void chdir(String path) {
        FfmLibc.call("chdir", path,
                (arena, state) -> chdir.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path)));
    }

    @Override
    public void mkfifo(String path, int mode) {
        FfmLibc.call("mkfifo", path,
                (arena, state) -> mkfifo.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path), mode));
        exactMode(path, mode);
    }

    @Override
    public byte[] readFifo(String path) {
        return FfmFileIo.read(path);
    }

    @Override
    public void writeFifo(String path, byte[] content) {
        FfmFileIo.write(path, content, FfmLibc.O_WRONLY);
    }

    @Override
    public boolean isExecutable(String path) {
        try {
            FfmLibc.call("access", path,
                    (arena, state) -> access.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path), X_OK));
        } catch (SyscallException e) {
            return false;
        }
        // access(X_OK) says yes to root for any directory.
        return Files.isRegularFile(Path.of(path));
    }

    @Override
    public void remove(String path) {
        try {
            FfmLibc.call("unlink", path,
                    (arena, state) -> unlink.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path)));
        } catch (SyscallException e) {
            switch (e.errno()) {
                case ENOENT -> { }
                case EISDIR -> rmdir(path);
                default -> throw e;
            }
        }
    }

    static void rmdir(String path) {
        try {
            FfmLibc.call("rmdir", path,
                    (arena, state) -> rmdir.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path)));
        } catch (SyscallException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    @Override
    public void removeTree(String path) {
        // the calling thread's mount points: it may have a mount namespace of its own
        Set<Path> mountPoints = FfmFileIo.readIfExists("/proc/thread-self/mountinfo").map(MountInfo::parse)
                .orElse(List.of()).stream().map(m -> Path.of(m.mountPoint())).collect(Collectors.toSet());
        TreeRemoval.remove(Path.of(path), mountPoints);
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.Filesystem;
import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.NodesBeneath;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.RegularFileContent;
import io.jrunc.ports.model.SymlinkText;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.TreeRemoval;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

final class JnaFilesystem implements Filesystem {
    private static final int X_OK = 1;

    @Override
    public boolean exists(String path) {
        // lstat: a dangling symlink is there, and nothing else can be made in its place
        return Files.exists(Paths.get(path), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(Paths.get(path));
    }

    @Override
    public void mkdirs(String path, int mode) {
        Path target = Paths.get(path).toAbsolutePath().normalize();
        mkdirs(target, mode, true);
    }

    /**
     * As Go's MkdirAll: a directory that is there ends the walk up, and only the missing levels are made, top
     * down (walking down from the root met EEXIST, an exception, at every existing level).
     */
    private static void mkdirs(Path dir, int mode, boolean last) {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            mkdirs(parent, mode, false);
        }
        String name = dir.toString();
        try {
            JnaCheck.call("mkdir", name, () -> INSTANCE.mkdir(name, mode));
        } catch (SyscallException e) {
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
            if (!Files.isDirectory(dir)) {
                // as mkdir(2) of the whole path says: EEXIST at its end, ENOTDIR on the way
                throw last ? e : new SyscallException("mkdir", Errno.ENOTDIR, name);
            }
        }
    }

    /** O_EXCL, and nothing when something is there: opening an existing fifo or device could block or act. */
    @Override
    public void touch(String path, int mode) {
        if (Files.isDirectory(Paths.get(path))) {
            throw new SyscallException("open", Errno.EISDIR, path); // what open(O_CREAT) of a directory says
        }
        if (Files.exists(Paths.get(path), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int fd;
        try {
            fd = JnaFileIo.open(path, JnaLibc.O_WRONLY | JnaLibc.O_CREAT | JnaLibc.O_EXCL | JnaLibc.O_NOCTTY, mode);
        } catch (SyscallException e) {
            if (e.errno() == Errno.EEXIST) {
                return;
            }
            throw e;
        }
        JnaFileIo.closeQuietly(fd);
    }

    @Override
    public void mkdirsBeneath(String root, String path, int mode) {
        BeneathRoot.mkdirs(root, path, mode, JnaBeneath.CALLS, () -> mkdirs(path, mode));
    }

    @Override
    public void touchBeneath(String root, String path, int mode) {
        BeneathRoot.touch(root, path, mode, JnaBeneath.CALLS, () -> touch(path, mode));
    }

    @Override
    public void mknodBeneath(String root, DeviceNode node) {
        NodesBeneath.mknod(root, node, JnaBeneath.CALLS, () -> mknod(node));
    }

    @Override
    public void symlinkBeneath(String root, String target, String linkPath) {
        NodesBeneath.symlink(root, target, linkPath, JnaBeneath.CALLS, () -> symlink(target, linkPath));
    }

    @Override
    public void removeBeneath(String root, String path) {
        NodesBeneath.remove(root, path, JnaBeneath.CALLS, () -> remove(path));
    }

    @Override
    public void mknod(DeviceNode node) {
        int mode = JnaDevices.mode(node);
        long dev = JnaDevices.makedev(node.major(), node.minor());
        JnaCheck.call("mknod", node.path(), () -> INSTANCE.mknod(node.path(), mode, dev));
        exactMode(node.path(), node.mode());
        chown(node.path(), node.uid(), node.gid());
    }

    /** The mode asked for, not what the process umask leaves of it: /dev/null must be 0666 for every user. */
    private static void exactMode(String path, int mode) {
        JnaCheck.call("chmod", path, () -> INSTANCE.chmod(path, mode & 07777));
    }

    @Override
    public void symlink(String target, String linkPath) {
        JnaCheck.call("symlink", target + " " + linkPath, () -> INSTANCE.symlink(target, linkPath));
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
        JnaCheck.call("chown", path, () -> INSTANCE.chown(path, uid, gid));
    }

    @Override
    public void chdir(String path) {
        JnaCheck.call("chdir", path, () -> INSTANCE.chdir(path));
    }

    @Override
    public void mkfifo(String path, int mode) {
        JnaCheck.call("mkfifo", path, () -> INSTANCE.mkfifo(path, mode));
        exactMode(path, mode);
    }

    @Override
    public byte[] readFifo(String path) {
        int fd = JnaFileIo.open(path, JnaLibc.O_RDONLY, 0);
        try {
            return JnaFileIo.readAll(fd, path);
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }

    @Override
    public void writeFifo(String path, byte[] content) {
        int fd = JnaFileIo.open(path, JnaLibc.O_WRONLY, 0);
        try {
            JnaFileIo.writeAll(fd, content, path);
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }

    @Override
    public boolean isExecutable(String path) {
        if (!Files.isRegularFile(Paths.get(path))) {
            return false;
        }
        try {
            JnaCheck.call("access", path, () -> INSTANCE.access(path, X_OK));
            return true;
        } catch (SyscallException e) {
            return false;
        }
    }

    @Override
    public void remove(String path) {
        try {
            JnaCheck.call("unlink", path, () -> INSTANCE.unlink(path));
        } catch (SyscallException e) {
            if (e.errno() == Errno.EISDIR) {
                removeDirectory(path);
            } else if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    private static void removeDirectory(String path) {
        try {
            JnaCheck.call("rmdir", path, () -> INSTANCE.rmdir(path));
        } catch (SyscallException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    @Override
    public void removeTree(String path) {
        Set<Path> mountPoints = new HashSet<>();
        JnaMountPoints.current().forEach(m -> mountPoints.add(Paths.get(m.mountPoint())));
        TreeRemoval.remove(Paths.get(path), mountPoints);
    }
}

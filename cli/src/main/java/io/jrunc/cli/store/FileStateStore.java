package io.jrunc.cli.store;

import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The state store on disk, laid out like runc's: {@code <root>/<id>/state.json}, plus any file the runtime keeps
 * next to it (exec fifo, config copy). Lock files live in {@code <root>/@locks/<id>}: {@code @} cannot appear in
 * a container id, so the lock area can never be taken for a container, and {@link #ids()} skips it. A lock file
 * is named by the id alone, so that every id that fits a directory name (NAME_MAX) fits a lock file's too.
 *
 * <p>The root itself may be reached through a link (as runc's {@code --root}), but nothing under it is followed:
 * a link at a container's name is no container, and one at a file's name in it is no file ({@link
 * ContainerDirectory}).
 *
 * <p>Writes are atomic like runc's {@code saveState}: a temp file in the same directory, fsync, rename over the
 * target. Directories are 0700 and files 0600, since state may carry secrets from annotations.
 */
public final class FileStateStore implements StateStore {
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final String STATE_FILE = "state.json";
    static final String LOCK_AREA = "@locks";
    /** The longest file name the kernel takes (NAME_MAX): a container's directory is named by its id. */
    private static final int NAME_MAX = 255;
    /** runc's id rule; checked here too, because an id becomes a path. */
    private static final Pattern ID = Pattern.compile("[\\w+\\-.]+");

    private final Path root;

    public FileStateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Lock lock(String id) {
        Path lockFile = lockFile(id, "flock");
        ensureRoot();
        ensureLockArea(lockFile.getParent());
        return IdLock.acquire(lockFile, containerDir(id, "flock"));
    }

    @Override
    public void create(String id) {
        Path dir = containerDir(id, "mkdir");
        ensureRoot();
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            Files.setPosixFilePermissions(dir, DIR_MODE); // the umask may have narrowed it; 0700 exactly
        } catch (IOException e) {
            throw IoErrors.toSyscall("mkdir", dir, e);
        }
    }

    @Override
    public boolean exists(String id) {
        return Files.isDirectory(containerDir(id, "stat"), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void save(StoredState state) {
        write(state.id(), STATE_FILE, StateJson.write(state));
    }

    /** Empty, as runc's "container does not exist", also where a link stands at the id or at its state file. */
    @Override
    public Optional<StoredState> load(String id) {
        Optional<byte[]> bytes = read(id, STATE_FILE);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StateJson.read(bytes.get()));
        } catch (StateJson.UnreadableState e) {
            throw new SyscallException("read", Errno.EIO,
                    containerDir(id, "open").resolve(STATE_FILE) + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // Every container directory, even one without state.json, so delete --force can clean it up.
                if (isId(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    ids.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(); // no root yet: no containers
        } catch (IOException e) {
            throw IoErrors.toSyscall("readdir", root, e);
        }
        Collections.sort(ids);
        return List.copyOf(ids);
    }

    @Override
    public String directory(String id) {
        return containerDir(id, "stat").toString();
    }

    @Override
    public void writeFile(String id, String name, byte[] content) {
        write(id, checkName(name), content.clone());
    }

    @Override
    public Optional<byte[]> readFile(String id, String name) {
        return read(id, checkName(name));
    }

    /**
     * Removes the container's directory, or whatever else stands at its name (a link itself, never what it
     * names, as runc's RemoveAll); nothing in it is followed either. Its lock file goes when the lock is released
     * ({@link IdLock}). Uses the lock this thread holds on the id, or takes it for the duration.
     */
    @Override
    public void remove(String id) {
        Path dir = containerDir(id, "unlinkat");
        if (IdLock.heldByCurrentThread(lockFile(id, "unlinkat"))) {
            removeTree(dir);
            return;
        }
        try (Lock lock = lock(id)) {
            removeTree(dir);
        }
    }

    private Path containerDir(String id, String syscall) {
        if (id == null || !isId(id)) {
            throw new SyscallException(syscall, Errno.EINVAL, "invalid container id: " + id);
        }
        if (id.length() > NAME_MAX) {
            // runc's words: its first look at the directory is an lstat, which the kernel refuses so.
            throw new SyscallException("lstat", Errno.ENAMETOOLONG, root.resolve(id).toString());
        }
        return root.resolve(id);
    }

    private Path lockFile(String id, String syscall) {
        containerDir(id, syscall);
        return root.resolve(LOCK_AREA).resolve(id);
    }

    private static boolean isId(String name) {
        return !name.equals(".") && !name.equals("..") && ID.matcher(name).matches();
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new SyscallException("open", Errno.EINVAL, "invalid file name: " + name);
        }
        return name;
    }

    /** Like runc's {@code MkdirAll(root, 0700)}: missing parents are made too, all 0700. */
    private void ensureRoot() {
        if (Files.isDirectory(root)) {
            return;
        }
        try {
            Files.createDirectories(root.getParent(), PosixFilePermissions.asFileAttribute(DIR_MODE));
        } catch (IOException e) {
            throw IoErrors.toSyscall("mkdir", root.getParent(), e);
        }
        ensureDirectory(root);
    }

    static void ensureDirectory(Path dir) {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } catch (FileAlreadyExistsException e) {
            return; // created earlier, or by a concurrent command: fine
        } catch (IOException e) {
            throw IoErrors.toSyscall("mkdir", dir, e);
        }
        try {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        } catch (NoSuchFileException e) {
            // Gone again at once: an emptied lock area another command took away. Whoever needs it makes it anew.
        } catch (IOException e) {
            throw IoErrors.toSyscall("chmod", dir, e);
        }
    }

    /**
     * The lock area, made if missing; a link or file planted at its name is refused, never followed. Nothing
     * there at all is no error: another command's last lock file took the area with it just now, and opening
     * the lock file makes it again ({@link IdLock}). Found by LoadTest: twenty commands at once on one id met
     * the area gone between making it and looking at it, and one failed with "(not a directory): file exists".
     */
    private static void ensureLockArea(Path area) {
        ensureDirectory(area);
        BasicFileAttributes found;
        try {
            // One lstat: two looks (is it a directory, is it there) could each see another command's doing.
            found = Files.readAttributes(area, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw IoErrors.toSyscall("lstat", area, e);
        }
        if (!found.isDirectory()) {
            throw new SyscallException("mkdir", Errno.EEXIST, area + " (not a directory)");
        }
    }

    private Optional<byte[]> read(String id, String name) {
        containerDir(id, "open");
        Optional<ContainerDirectory> dir = ContainerDirectory.open(root, id);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try (ContainerDirectory d = dir.get()) {
            return d.read(name);
        }
    }

    private void write(String id, String name, byte[] content) {
        Path path = containerDir(id, "open");
        try (ContainerDirectory d = ContainerDirectory.open(root, id).orElseThrow(
                () -> new SyscallException("open", Errno.ENOENT, path.resolve(name).toString()))) {
            d.writeAtomically(name, content);
        }
    }

    private static void removeTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            // walkFileTree does not follow links unless asked: a symlink is deleted, never its target.
            Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // removed concurrently: the end state is the one asked for
        } catch (IOException e) {
            throw IoErrors.toSyscall("unlinkat", dir, e);
        }
    }
}

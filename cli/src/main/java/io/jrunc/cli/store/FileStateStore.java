package io.jrunc.cli.store;

import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Container state on disk under the runtime's root, as runc keeps it: {@code <root>/<id>/state.json}.
 * Every file is written to a temp file and renamed over the old one, so a reader sees the old state or
 * the new, never half of one. Locks live apart, in {@code <root>/.lock/<id>}, and go with the container.
 */
public final class FileStateStore implements StateStore {
    static final String STATE = "state.json";
    private static final String LOCKS = ".lock";

    private final Path root;
    private final ContainerLocks locks;

    public FileStateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.locks = new ContainerLocks(this.root.resolve(LOCKS));
    }

    @Override
    public Lock lock(String id) {
        ensureRoot();
        return locks.acquire(id);
    }

    @Override
    public void create(String id) {
        ensureRoot();
        Path dir = dir(id);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new SyscallException("mkdir", Errno.EEXIST, dir.toString());
        } catch (IOException e) {
            throw StoreErrors.of("mkdir", dir, e);
        }
    }

    @Override
    public boolean exists(String id) {
        return Files.isDirectory(dir(id), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void save(StoredState state) {
        writeFile(state.id(), STATE, StateCodec.encode(state));
    }

    @Override
    public Optional<StoredState> load(String id) {
        Path file = dir(id).resolve(STATE);
        return readFile(id, STATE).map(bytes -> StateCodec.decode(bytes, file));
    }

    @Override
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            throw StoreErrors.of("readdir", root, e);
        }
        ids.sort(null);
        return ids;
    }

    @Override
    public String directory(String id) {
        return dir(id).toString();
    }

    @Override
    public void writeFile(String id, String name, byte[] content) {
        Path target = dir(id).resolve(name);
        Path tmp = dir(id).resolve("." + name + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            // On disk before the rename makes it the state: a crash leaves the old file or the new one.
            out.force(true);
        } catch (IOException e) {
            throw StoreErrors.of("write", tmp, e);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new SyscallException("rename", Errno.EXDEV, tmp + " -> " + target);
        } catch (IOException e) {
            throw StoreErrors.of("rename", target, e);
        }
    }

    @Override
    public Optional<byte[]> readFile(String id, String name) {
        Path file = dir(id).resolve(name);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw StoreErrors.of("read", file, e);
        }
    }

    @Override
    public void remove(String id) {
        Path dir = dir(id);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Tree.remove(dir);
        }
        locks.forget(id);
    }

    private Path dir(String id) {
        Path dir = root.resolve(id).normalize();
        if (!dir.getParent().equals(root)) {
            // Ids are checked before they get here; this guards the store against any that were not.
            throw new SyscallException("open", Errno.EINVAL, "container id " + id + " escapes " + root);
        }
        return dir;
    }

    private void ensureRoot() {
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw StoreErrors.of("mkdir", root, e);
        }
    }
}

package io.jrunc.adapter.fake;

import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state store of a fake kernel: container directories live in the kernel's file tree (so an exec
 * fifo can be made in one), states and files in memory, and its effects land in the kernel's journal
 * and obey its failure injection. Each id has a real lock, so two threads working on one container
 * serialise as two processes do on the real store, and different ids never wait on each other.
 */
public final class InMemoryStateStore implements StateStore {
    static final String ROOT = "/run/jrunc";
    /** The longest file name the kernel takes: an id names a directory, as in the real store. */
    private static final int NAME_MAX = 255;

    private final FakeKernel kernel;
    private final Journal journal;
    private final Map<String, StoredState> states = new TreeMap<>();
    private final Map<String, Map<String, byte[]>> files = new TreeMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** A store on a kernel of its own, for tests that need only the store. */
    public InMemoryStateStore() {
        this(new FakeKernel());
    }

    public InMemoryStateStore(FakeKernel kernel) {
        this.kernel = kernel;
        this.journal = kernel.sharedJournal();
    }

    /** The kernel whose tree and journal this store uses. */
    public FakeKernel kernel() {
        return kernel;
    }

    /** Whether some thread holds the lock on {@code id}: for tests, without taking it. */
    public boolean isLocked(String id) {
        ReentrantLock lock = locks.get(id);
        return lock != null && lock.isLocked();
    }

    /**
     * Blocks while another thread holds the id. Reentrant for the holding thread, as flock on a second fd
     * is not; no command of the runtime locks an id twice.
     */
    @Override
    public Lock lock(String id) {
        checkLength(id);
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        journal.run(new Call.StateLock(id), lock::lock);
        return () -> {
            // Releasing cannot fail in the kernel, so an injected failure is reported but the lock still goes.
            try {
                journal.run(new Call.StateUnlock(id), () -> { });
            } finally {
                lock.unlock();
            }
        };
    }

    @Override
    public void create(String id) {
        checkLength(id);
        journal.run(new Call.StateCreate(id), () -> {
            synchronized (this) {
                if (files.containsKey(id)) {
                    throw new SyscallException("mkdir", Errno.EEXIST, directory(id));
                }
                kernel.seedDirectory(directory(id));
                files.put(id, new TreeMap<>());
            }
        });
    }

    @Override
    public synchronized boolean exists(String id) {
        return files.containsKey(id);
    }

    @Override
    public void save(StoredState state) {
        journal.run(new Call.StateSave(state), () -> {
            synchronized (this) {
                if (!files.containsKey(state.id())) {
                    throw new SyscallException("open", Errno.ENOENT, directory(state.id()) + "/state.json");
                }
                states.put(state.id(), state);
            }
        });
    }

    @Override
    public synchronized Optional<StoredState> load(String id) {
        checkLength(id);
        return Optional.ofNullable(states.get(id));
    }

    @Override
    public synchronized List<String> ids() {
        return new ArrayList<>(files.keySet());
    }

    /** The real store's refusal, in runc's words, of an id that no directory can be named. */
    private static void checkLength(String id) {
        if (id.length() > NAME_MAX) {
            throw new SyscallException("lstat", Errno.ENAMETOOLONG, ROOT + "/" + id);
        }
    }

    @Override
    public String directory(String id) {
        return ROOT + "/" + id;
    }

    @Override
    public void writeFile(String id, String name, byte[] content) {
        journal.run(new Call.StateWriteFile(id, name, new String(content, StandardCharsets.ISO_8859_1)), () -> {
            synchronized (this) {
                Map<String, byte[]> dir = files.get(id);
                if (dir == null) {
                    throw new SyscallException("open", Errno.ENOENT, directory(id) + "/" + name);
                }
                dir.put(name, content.clone());
            }
        });
    }

    @Override
    public synchronized Optional<byte[]> readFile(String id, String name) {
        return Optional.ofNullable(files.getOrDefault(id, Map.of()).get(name)).map(byte[]::clone);
    }

    @Override
    public void remove(String id) {
        journal.run(new Call.StateRemove(id), () -> {
            synchronized (this) {
                states.remove(id);
                files.remove(id);
                kernel.removeSilently(directory(id));
            }
        });
    }
}

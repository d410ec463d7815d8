package io.jrunc.adapter.fake;

import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state store of the fake kernel: container directories live in its file tree (so an exec fifo can
 * be made in one), states and files in memory, and each id has a real lock so that two threads working
 * on one container serialise as two processes do on the real store.
 */
public final class InMemoryStateStore implements StateStore {
    static final String ROOT = "/run/jrunc";

    private final FakeKernel kernel;
    private final Map<String, StoredState> states = new TreeMap<>();
    private final Map<String, Map<String, byte[]>> files = new TreeMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public InMemoryStateStore(FakeKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Lock lock(String id) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        return lock::unlock;
    }

    @Override
    public synchronized void create(String id) {
        if (files.containsKey(id)) {
            throw new SyscallException("mkdir", Errno.EEXIST, directory(id));
        }
        kernel.mkdirs(directory(id), 0700);
        files.put(id, new TreeMap<>());
    }

    @Override
    public synchronized boolean exists(String id) {
        return files.containsKey(id);
    }

    @Override
    public synchronized void save(StoredState state) {
        if (!files.containsKey(state.id())) {
            throw new SyscallException("open", Errno.ENOENT, directory(state.id()) + "/state.json");
        }
        states.put(state.id(), state);
    }

    @Override
    public synchronized Optional<StoredState> load(String id) {
        return Optional.ofNullable(states.get(id));
    }

    @Override
    public synchronized List<String> ids() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public String directory(String id) {
        return ROOT + "/" + id;
    }

    @Override
    public synchronized void writeFile(String id, String name, byte[] content) {
        Map<String, byte[]> dir = files.get(id);
        if (dir == null) {
            throw new SyscallException("open", Errno.ENOENT, directory(id) + "/" + name);
        }
        dir.put(name, content.clone());
    }

    @Override
    public synchronized Optional<byte[]> readFile(String id, String name) {
        return Optional.ofNullable(files.getOrDefault(id, Map.of()).get(name)).map(byte[]::clone);
    }

    @Override
    public synchronized void remove(String id) {
        states.remove(id);
        files.remove(id);
        kernel.removeTree(directory(id));
    }
}

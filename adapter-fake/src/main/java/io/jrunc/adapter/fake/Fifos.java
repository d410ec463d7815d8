package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;

/** Fifos as the kernel pairs them: a writer blocks until a reader comes, and the other way round. */
final class Fifos {
    private final Map<String, SynchronousQueue<byte[]>> byPath = new ConcurrentHashMap<>();

    void create(String path) {
        byPath.put(path, new SynchronousQueue<>());
    }

    void write(String path, byte[] content) {
        try {
            queue(path).put(content.clone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyscallException("open", Errno.EINTR, path);
        }
    }

    byte[] read(String path) {
        try {
            return queue(path).take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyscallException("open", Errno.EINTR, path);
        }
    }

    void remove(String path) {
        byPath.remove(path);
    }

    private SynchronousQueue<byte[]> queue(String path) {
        SynchronousQueue<byte[]> q = byPath.get(path);
        if (q == null) {
            throw new SyscallException("open", Errno.ENOENT, path);
        }
        return q;
    }
}

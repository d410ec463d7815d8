package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fifos as the kernel pairs their openers: a writer blocks until a reader comes, and a reader until a
 * writer comes; then the reader gets what that writer wrote. One monitor for all fifos, as a rendezvous
 * is rare and short. The test hooks stand in for the other end without blocking.
 */
final class Fifos {
    /** One writer waiting with its content; {@code taken} flips when a reader (or a test) took it. */
    private static final class Offer {
        final byte[] content;
        boolean taken;

        Offer(byte[] content) {
            this.content = content;
        }
    }

    private static final class Fifo {
        final Deque<Offer> writers = new ArrayDeque<>();
        int readers;
    }

    private final Map<String, Fifo> byPath = new HashMap<>();

    synchronized void create(String path) {
        byPath.put(path, new Fifo());
    }

    /**
     * Unlinking a fifo leaves those blocked in it blocked, as in the kernel: they hold the inode, not the
     * name. A later open of the path finds nothing.
     */
    synchronized void remove(String path) {
        byPath.remove(path);
    }

    synchronized void write(String path, byte[] content) {
        Fifo fifo = existing(path);
        Offer offer = new Offer(content.clone());
        fifo.writers.addLast(offer);
        notifyAll();
        try {
            while (!offer.taken) {
                await(path);
            }
        } finally {
            // An interrupted writer closes its end: no reader may get its content afterwards.
            fifo.writers.remove(offer);
        }
    }

    synchronized byte[] read(String path) {
        Fifo fifo = existing(path);
        fifo.readers++;
        try {
            while (fifo.writers.isEmpty()) {
                await(path);
            }
            return take(fifo);
        } finally {
            fifo.readers--;
        }
    }

    synchronized boolean writerWaiting(String path) {
        Fifo fifo = byPath.get(path);
        return fifo != null && !fifo.writers.isEmpty();
    }

    synchronized boolean readerWaiting(String path) {
        Fifo fifo = byPath.get(path);
        return fifo != null && fifo.readers > 0;
    }

    /** A test reads: the first waiting writer is released with what it wrote; empty when none waits. */
    synchronized Optional<byte[]> releaseWriter(String path) {
        Fifo fifo = byPath.get(path);
        return fifo == null || fifo.writers.isEmpty() ? Optional.empty() : Optional.of(take(fifo));
    }

    /**
     * A test writes: a waiting reader gets {@code content}. The offer is taken by the reader, so this does
     * not block; false when no reader waits (nothing is left behind then).
     */
    synchronized boolean releaseReader(String path, byte[] content) {
        Fifo fifo = byPath.get(path);
        if (fifo == null || fifo.readers == 0) {
            return false;
        }
        fifo.writers.addLast(new Offer(content.clone()));
        notifyAll();
        return true;
    }

    private byte[] take(Fifo fifo) {
        Offer offer = fifo.writers.removeFirst();
        offer.taken = true;
        notifyAll();
        return offer.content.clone();
    }

    private Fifo existing(String path) {
        Fifo fifo = byPath.get(path);
        if (fifo == null) {
            throw new SyscallException("open", Errno.ENOENT, path);
        }
        return fifo;
    }

    private void await(String path) {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyscallException("open", Errno.EINTR, path);
        }
    }
}

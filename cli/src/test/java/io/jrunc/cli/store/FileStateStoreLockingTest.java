package io.jrunc.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileStateStoreLockingTest {
    private static final long CHILD_HOLDS_MILLIS = 1500;

    @TempDir
    Path root;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private Process child;

    @AfterEach
    void stopEverything() {
        pool.shutdownNow();
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void locks_of_ids_without_containers_taken_at_once_never_trip_over_the_lock_area_going_and_coming() throws Exception {
        // Each release of a lock whose container does not exist takes the lock area with it when it was the last;
        // a lock taken at that moment met the area gone between making it and looking at it (found by LoadTest).
        FileStateStore store = new FileStateStore(root);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < 6; t++) {
            String id = "id" + t;
            workers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 300; i++) {
                    store.lock(id).close();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> w : workers) {
            w.get(50, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(root.resolve(FileStateStore.LOCK_AREA)), "the area goes with its last lock file");
    }

    @Test
    void two_threads_never_hold_one_id_at_the_same_time() throws Exception {
        FileStateStore store = new FileStateStore(root);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    try (StateStore.Lock lock = store.lock("web")) {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        Thread.yield();
                        inside.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }

        assertEquals(0, overlaps.get());
    }

    @Test
    void a_second_thread_waits_until_the_first_releases() throws Exception {
        FileStateStore store = new FileStateStore(root);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        pool.submit(() -> {
            try (StateStore.Lock lock = store.lock("web")) {
                held.countDown();
                release.await();
            }
            return null;
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));

        Future<?> second = pool.submit(() -> {
            store.lock("web").close();
            return null;
        });
        assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS));
        release.countDown();
        second.get(10, TimeUnit.SECONDS);
    }

    @Test
    void different_ids_do_not_block_each_other() throws Exception {
        FileStateStore store = new FileStateStore(root);
        try (StateStore.Lock web = store.lock("web")) {
            pool.submit(() -> {
                store.lock("db").close();
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void locking_an_id_this_thread_already_holds_fails_instead_of_hanging() {
        FileStateStore store = new FileStateStore(root);
        try (StateStore.Lock lock = store.lock("web")) {
            assertEquals(Errno.EDEADLK, assertThrows(SyscallException.class, () -> store.lock("web")).errno());
        }
    }

    @Test
    void a_lock_held_by_another_process_blocks_until_that_process_releases() throws Exception {
        FileStateStore store = new FileStateStore(root);
        BufferedReader out = startChild("hold");
        assertEquals("locked", readLine(out));
        long childLockedAt = System.nanoTime();

        Future<Long> ours = pool.submit(() -> {
            try (StateStore.Lock lock = store.lock("web")) {
                return System.nanoTime();
            }
        });

        assertThrows(TimeoutException.class, () -> ours.get(CHILD_HOLDS_MILLIS / 3, TimeUnit.MILLISECONDS));
        long acquiredAt = ours.get(30, TimeUnit.SECONDS);
        assertEquals("releasing", readLine(out));
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(acquiredAt - childLockedAt) >= CHILD_HOLDS_MILLIS - 100,
                "acquired only after the child's hold");
    }

    @Test
    void a_waiter_whose_lock_file_is_removed_under_it_retries_on_a_fresh_one() throws Exception {
        FileStateStore store = new FileStateStore(root);
        store.create("web");
        Path lockFile = root.resolve(FileStateStore.LOCK_AREA).resolve("web");
        BufferedReader out = startChild("remove");
        assertEquals("locked", readLine(out));

        // Blocks in fcntl on the file the child is about to retire and unlink.
        Future<Boolean> ours = pool.submit(() -> {
            try (StateStore.Lock lock = store.lock("web")) {
                // A held lock whose file is still at the path: no other process can take the id meanwhile.
                return Files.exists(lockFile);
            }
        });

        assertTrue(ours.get(30, TimeUnit.SECONDS), "held a lock on an unlinked file");
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue());
        assertFalse(store.exists("web"));
    }

    private BufferedReader startChild(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), root.toString(), "web", Long.toString(CHILD_HOLDS_MILLIS), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads one line from the child, failing rather than hanging if it never comes. */
    private String readLine(BufferedReader out) throws Exception {
        return pool.submit(out::readLine).get(30, TimeUnit.SECONDS);
    }
}

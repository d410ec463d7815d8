package io.jrunc.adapter.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeKernel kernel = new FakeKernel();
    private final InMemoryStateStore store = new InMemoryStateStore(kernel);

    private static StoredState state(String id, int pid) {
        return new StoredState(id, pid, 123L, "/bundle", "/bundle/rootfs", "2024-01-01T00:00:00Z", "root",
                "created", Map.of("a", "b"), Map.of("", "/c1"));
    }

    @Test
    void createMakesTheContainerDirectoryInTheFakeTree() {
        store.create("c1");

        assertTrue(store.exists("c1"));
        assertTrue(kernel.isDirectory(store.directory("c1")));
        assertEquals("/run/jrunc/c1", store.directory("c1"));
    }

    @Test
    void creatingTwiceIsEEXIST() {
        store.create("c1");

        SyscallException e = assertThrows(SyscallException.class, () -> store.create("c1"));

        assertEquals(Errno.EEXIST, e.errno());
    }

    @Test
    void aSavedStateLoadsBackAndIdsAreSorted() {
        store.create("b");
        store.create("a");
        store.save(state("b", 7));

        assertEquals(state("b", 7), store.load("b").orElseThrow());
        assertTrue(store.load("a").isEmpty());
        assertTrue(store.load("zz").isEmpty());
        assertEquals(List.of("a", "b"), store.ids());
    }

    @Test
    void anIdThatFitsAFileNameIsKeptAndALongerOneIsRefusedAsTheRealStoreDoes() {
        String longest = "a".repeat(255);
        try (StateStore.Lock lock = store.lock(longest)) {
            store.create(longest);
            store.save(state(longest, 7));
        }
        assertEquals(7, store.load(longest).orElseThrow().pid());

        String tooLong = "a".repeat(256);
        for (Runnable call : List.<Runnable>of(() -> store.lock(tooLong), () -> store.create(tooLong),
                () -> store.load(tooLong))) {
            SyscallException e = assertThrows(SyscallException.class, call::run);
            assertEquals("lstat /run/jrunc/" + tooLong + ": file name too long", e.getMessage());
        }
    }

    @Test
    void savingForAContainerNeverCreatedIsENOENT() {
        SyscallException e = assertThrows(SyscallException.class, () -> store.save(state("ghost", 1)));

        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(store.load("ghost").isEmpty());
    }

    @Test
    void filesAreKeptAsCopies() {
        store.create("c1");
        byte[] content = {1, 2, 3};

        store.writeFile("c1", "config.json", content);
        content[0] = 9;
        byte[] read = store.readFile("c1", "config.json").orElseThrow();
        read[1] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, store.readFile("c1", "config.json").orElseThrow());
        assertTrue(store.readFile("c1", "other").isEmpty());
        assertEquals(Errno.ENOENT, assertThrows(SyscallException.class,
                () -> store.writeFile("ghost", "x", new byte[0])).errno());
    }

    @Test
    void removeRemovesTheDirectoryFromTheFakeTree() {
        store.create("c1");
        store.save(state("c1", 7));
        store.writeFile("c1", "config.json", new byte[] {1});
        kernel.mkfifo(store.directory("c1") + "/exec.fifo", 0622);

        store.remove("c1");

        assertFalse(store.exists("c1"));
        assertFalse(kernel.exists(store.directory("c1")));
        assertFalse(kernel.exists(store.directory("c1") + "/exec.fifo"));
        assertTrue(store.load("c1").isEmpty());
        assertTrue(store.readFile("c1", "config.json").isEmpty());
        assertEquals(List.of(), store.ids());
        store.create("c1");
    }

    @Test
    void twoThreadsLockingOneIdSerialise() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch secondTrying = new CountDownLatch(1);
        CompletableFuture<Void> second;
        try (StateStore.Lock first = store.lock("c1")) {
            events.add("first locked");
            second = CompletableFuture.runAsync(() -> {
                secondTrying.countDown();
                try (StateStore.Lock lock = store.lock("c1")) {
                    events.add("second locked");
                }
            });
            assertTrue(secondTrying.await(5, TimeUnit.SECONDS));
            assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS));
            events.add("first unlocking");
        }
        assertTimeoutPreemptively(TIMEOUT, () -> second.get());

        assertEquals(List.of("first locked", "first unlocking", "second locked"), events);
    }

    @Test
    void differentIdsDoNotBlockEachOther() {
        try (StateStore.Lock a = store.lock("a")) {
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> store.lock("b").close());

            assertTimeoutPreemptively(TIMEOUT, () -> other.get());
        }
    }

    @Test
    void itsCallsLandInTheKernelsJournalAndObeyItsFailureInjection() {
        FakeKernel k = new FakeKernel();
        InMemoryStateStore s = new InMemoryStateStore(k);
        k.sethostname("before");
        try (StateStore.Lock lock = s.lock("web")) {
            s.create("web");
        }
        k.failNext(Call.StateSave.class, Errno.ENOSPC);

        assertThrows(SyscallException.class, () -> s.save(new StoredState("web", 1, 2, "/b", "/b/rootfs", "t", "root",
                "created", java.util.Map.of(), java.util.Map.of())));
        assertEquals(List.of(new Call.SetHostname("before"), new Call.StateLock("web"), new Call.StateCreate("web"),
                new Call.StateUnlock("web")), k.journal().subList(0, 4));
        assertTrue(k.journal().get(4).failed());
        assertTrue(s.load("web").isEmpty());
    }
}

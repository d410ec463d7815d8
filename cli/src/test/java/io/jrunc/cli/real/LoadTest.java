package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrunc.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Load on the real kernel, both backends: many containers at once, and many commands at once on one id. The
 * commands run as threads of this JVM (CliRunner), each as a fresh runtime with its own wiring: 50 runtime JVMs
 * at once would measure the JVM's start on two cores, not jrunc's locking and state. What is checked: every
 * command either succeeds or fails with one of runc's lifecycle messages, the state file always parses (a
 * watcher reads it the whole time), and nothing is left at the end: no state, no lock file, no cgroup, no init.
 */
class LoadTest extends RealContainers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What runc answers a lifecycle command that loses a race (create's as runc's "runc create failed: ..."). */
    private static final Pattern RUNC_REFUSALS = Pattern.compile("(jrunc create failed: )?(" + String.join("|",
            "container does not exist",
            "container with id exists: \\S+",
            "cannot start an already running container",
            "cannot start a container that has stopped",
            "cannot start a container in the \\w+ state",
            "container not running",
            "cannot delete container \\S+ that is not stopped: \\w+") + ")");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jna"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fiftyContainersAreCreatedStartedAndDeletedInParallel(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path bundle = BusyboxBundle.in(tmp.resolve("bundle")).shell("true").write().dir;
        int count = 50;
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> done = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String id = "load-" + backend + "-" + i;
                done.add(pool.submit(() -> {
                    go.await();
                    expectOk(jrunc(backend, "create", "--bundle", bundle.toString(), id));
                    expectOk(jrunc(backend, "start", id));
                    waitFor(() -> jrunc(backend, "state", id).out.contains("\"status\": \"stopped\""));
                    expectOk(jrunc(backend, "delete", id));
                    return id;
                }));
            }
            go.countDown();
            for (Future<String> f : done) {
                f.get(4, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNothingLeft(backend, "load-" + backend + "-");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffm", "jna"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twentyCommandsAtOnceOnOneIdEachAnswerAsRuncWouldAndNeverCorruptTheState(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path bundle = BusyboxBundle.in(tmp.resolve("bundle")).shell("sleep 30").write().dir;
        String id = "race-" + backend;
        List<String> unreadable = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        // Reads state.json the whole time: it is replaced atomically, so it is always whole or not there.
        Thread watcher = new Thread(() -> {
            Path file = root.resolve(id).resolve("state.json");
            while (watching.get()) {
                try {
                    JsonNode state = JSON.readTree(Files.readAllBytes(file));
                    if (!id.equals(state.path("id").asText())) {
                        unreadable.add("state.json names " + state.path("id"));
                    }
                    reads.incrementAndGet();
                } catch (NoSuchFileException e) {
                    // between delete and create
                } catch (IOException e) {
                    unreadable.add(e.toString());
                }
            }
        }, "state-watcher");
        watcher.start();
        List<List<String>> commands = List.of(
                List.of("create", "--bundle", bundle.toString(), id),
                List.of("start", id),
                List.of("state", id),
                List.of("kill", id, "KILL"),
                List.of("delete", id));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (int round = 0; round < 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<CliRunner.Result>> results = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    List<String> command = commands.get((i + round) % commands.size());
                    results.add(pool.submit(() -> {
                        go.await();
                        return jrunc(backend, command.toArray(new String[0]));
                    }));
                }
                go.countDown();
                for (Future<CliRunner.Result> f : results) {
                    CliRunner.Result r = f.get(4, TimeUnit.MINUTES);
                    assertTrue(r.status == 0 || (r.status == 1 && lastError(r.err).matches(RUNC_REFUSALS.pattern())),
                            () -> "not an answer runc gives: " + r);
                }
                CliRunner.Result state = jrunc(backend, "state", id);
                assertTrue(state.status == 0 || lastError(state.err).equals("container does not exist"),
                        state::toString);
                expectOk(jrunc(backend, "delete", "--force", id));
            }
        } finally {
            pool.shutdownNow();
            watching.set(false);
            watcher.join();
        }
        assertEquals(List.of(), unreadable, "state.json was read whole every time");
        assertTrue(reads.get() > 0, "the watcher read state.json at all");
        assertNothingLeft(backend, id);
    }

    /** The message of the last error line: logfmt's msg="..." as the CLI writes it. */
    private static String lastError(String err) {
        String last = "";
        for (String line : err.split("\n")) {
            int at = line.indexOf("msg=\"");
            if (at >= 0) {
                last = line.substring(at + 5, line.lastIndexOf('"')).replace("\\\"", "\"");
            }
        }
        return last;
    }

    private static void expectOk(CliRunner.Result result) {
        assertEquals(0, result.status, result::toString);
    }

    private void assertNothingLeft(String backend, String idPrefix) throws IOException {
        CliRunner.Result list = jrunc(backend, "list", "-q");
        assertEquals("", list.out.trim(), "no container is listed");
        try (Stream<Path> entries = Files.exists(root) ? Files.list(root) : Stream.empty()) {
            assertEquals(List.of(), entries.filter(p -> !p.getFileName().toString().equals("@locks")).toList(),
                    "no state directory or file is left");
        }
        Path locks = root.resolve("@locks");
        if (Files.exists(locks)) {
            try (Stream<Path> entries = Files.list(locks)) {
                assertEquals(List.of(), entries.toList(), "no lock file is left");
            }
        }
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            assertEquals(List.of(), hierarchies.flatMap(LoadTest::children)
                    .filter(p -> p.getFileName().toString().startsWith(idPrefix)).toList(), "no cgroup is left");
        }
        assertFalse(LeftBehind.inits().size() > 0, "no init is left");
    }

    private static Stream<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}

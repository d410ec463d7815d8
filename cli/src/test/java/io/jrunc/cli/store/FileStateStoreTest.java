package io.jrunc.cli.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
    @TempDir
    Path tmp;

    private Path root() {
        return tmp.resolve("run").resolve("jrunc");
    }

    private FileStateStore store() {
        return new FileStateStore(root());
    }

    @Test
    void a_saved_state_loads_back_equal() throws IOException {
        FileStateStore store = store();
        StoredState state = TestStates.created("web");
        store.create("web");
        store.save(state);

        assertEquals(Optional.of(state), store.load("web"));
    }

    @Test
    void a_state_with_null_strings_and_empty_maps_loads_back_equal() throws IOException {
        FileStateStore store = store();
        StoredState state = new StoredState("bare", 0, 0, null, null, null, null, null, Map.of(), Map.of());
        store.create("bare");
        store.save(state);

        assertEquals(Optional.of(state), store.load("bare"));
    }

    @Test
    void the_cgroup_driver_is_kept_and_a_state_without_one_is_cgroupfs() throws IOException {
        FileStateStore store = store();
        StoredState base = TestStates.created("web");
        StoredState systemd = new StoredState(base.id(), base.pid(), base.pidStartTime(), base.bundle(), base.rootfs(),
                base.created(), base.owner(), base.statusHint(), base.annotations(), base.cgroupPaths(), "systemd");
        store.create("web");
        store.save(systemd);
        assertEquals("systemd", store.load("web").orElseThrow().cgroupDriver());

        Path file = root().resolve("web").resolve("state.json");
        Files.writeString(file, Files.readString(file).replaceAll(",\\s*\"cgroupDriver\"\\s*:\\s*\"systemd\"", ""));
        assertEquals(StoredState.CGROUPFS, store.load("web").orElseThrow().cgroupDriver(), Files.readString(file));
    }

    @Test
    void state_json_uses_stable_field_names() throws IOException {
        FileStateStore store = store();
        store.create("web");
        store.save(TestStates.created("web"));

        String json = Files.readString(root().resolve("web").resolve("state.json"));
        for (String field : List.of("\"id\"", "\"pid\"", "\"pidStartTime\"", "\"bundle\"", "\"rootfs\"",
                "\"created\"", "\"owner\"", "\"status\"", "\"annotations\"", "\"cgroupPaths\"", "\"cgroupDriver\"")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }

    @Test
    void loading_an_unknown_container_gives_nothing() throws IOException {
        FileStateStore store = store();

        assertEquals(Optional.empty(), store.load("ghost"));
        store.create("half-made");
        assertEquals(Optional.empty(), store.load("half-made"));
    }

    @Test
    void a_corrupt_state_file_is_an_io_error_naming_the_file() throws IOException {
        FileStateStore store = store();
        store.create("web");
        Path file = root().resolve("web").resolve("state.json");
        Files.writeString(file, "{\"id\": \"web\", \"pid\": ");

        SyscallException e = assertThrows(SyscallException.class, () -> store.load("web"));

        assertEquals(Errno.EIO, e.errno());
        assertTrue(e.detail().startsWith(file + ": "), e.detail());
    }

    @Test
    void a_state_file_of_the_wrong_shape_is_an_io_error() throws IOException {
        FileStateStore store = store();
        store.create("web");
        Files.writeString(root().resolve("web").resolve("state.json"), "{\"id\": \"web\", \"pid\": \"many\"}");

        assertEquals(Errno.EIO, assertThrows(SyscallException.class, () -> store.load("web")).errno());
    }

    @Test
    void creating_an_existing_container_fails_with_eexist() throws IOException {
        FileStateStore store = store();
        store.create("web");

        SyscallException e = assertThrows(SyscallException.class, () -> store.create("web"));

        assertEquals("mkdir", e.syscall());
        assertEquals(Errno.EEXIST, e.errno());
    }

    @Test
    void the_root_and_container_directories_are_0700_and_files_0600() throws IOException {
        FileStateStore store = store();
        store.create("web");
        store.save(TestStates.created("web"));
        store.writeFile("web", "config.json", "{}".getBytes(StandardCharsets.UTF_8));
        store.lock("web").close();

        assertEquals("rwx------", mode(root()));
        assertEquals("rwx------", mode(root().resolve("web")));
        assertEquals("rwx------", mode(root().resolve(FileStateStore.LOCK_AREA)));
        assertEquals("rw-------", mode(root().resolve("web").resolve("state.json")));
        assertEquals("rw-------", mode(root().resolve("web").resolve("config.json")));
    }

    @Test
    void saving_twice_leaves_the_state_and_no_temporary_file_beside_it() throws IOException {
        FileStateStore store = store();
        store.create("web");
        store.save(TestStates.created("web"));
        store.save(TestStates.created("web"));
        store.writeFile("web", "config.json", "{}".getBytes(StandardCharsets.UTF_8));

        try (var names = Files.list(root().resolve("web"))) {
            assertEquals(List.of("config.json", "state.json"),
                    names.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void ids_lists_every_container_directory_sorted_and_nothing_else() throws IOException {
        FileStateStore store = store();
        assertEquals(List.of(), store.ids()); // no root yet
        store.create("zeta");
        store.create("alpha");
        store.save(TestStates.created("alpha"));
        store.create("half-made"); // no state.json: still listed, so delete --force can clean it
        store.lock("alpha").close();
        Files.writeString(root().resolve("stray-file"), "x");

        assertEquals(List.of("alpha", "half-made", "zeta"), store.ids());
    }

    @Test
    void files_beside_the_state_round_trip_and_missing_ones_read_as_nothing() throws IOException {
        FileStateStore store = store();
        store.create("web");
        byte[] config = "{\"ociVersion\":\"1.2.0\"}".getBytes(StandardCharsets.UTF_8);
        store.writeFile("web", "config.json", config);

        assertArrayEquals(config, store.readFile("web", "config.json").orElseThrow());
        assertEquals(Optional.empty(), store.readFile("web", "exec.fifo"));
    }

    @Test
    void ids_and_names_that_would_escape_the_root_are_rejected() throws IOException {
        FileStateStore store = store();

        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> store.create("../etc")).errno());
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> store.create("..")).errno());
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> store.lock("@locks")).errno());
        store.create("web");
        assertEquals(Errno.EINVAL,
                assertThrows(SyscallException.class, () -> store.writeFile("web", "../x", new byte[0])).errno());
    }

    @Test
    void directory_is_the_absolute_container_path() throws IOException {
        FileStateStore store = store();

        assertEquals(root().toAbsolutePath().resolve("web").toString(), store.directory("web"));
    }

    @Test
    void remove_leaves_neither_the_directory_nor_the_lock_file() throws IOException {
        FileStateStore store = store();
        store.create("web");
        store.save(TestStates.created("web"));
        Files.createDirectories(root().resolve("web").resolve("nested").resolve("deeper"));
        try (StateStore.Lock lock = store.lock("web")) {
            store.remove("web");
        }

        assertFalse(store.exists("web"));
        assertEquals(List.of(), store.ids());
        try (var left = Files.list(root())) {
            assertEquals(List.of(), left.toList(), "the root is empty, as runc's, lock area and all");
        }
    }

    @Test
    void the_lock_area_stays_while_a_lock_of_another_id_lives_and_comes_back_when_needed() throws IOException {
        FileStateStore store = store();
        Path area = root().resolve(FileStateStore.LOCK_AREA);
        store.create("db");
        try (StateStore.Lock db = store.lock("db")) {
            store.lock("web").close(); // no container "web": its lock file goes, the area stays for db's
            assertTrue(Files.isDirectory(area));
        }
        store.remove("db");
        assertFalse(Files.exists(area), "gone with its last lock file");

        store.create("web");
        store.lock("web").close();
        assertTrue(Files.exists(area.resolve("web")), "made again for the next lock");
    }

    @Test
    void a_lock_area_removed_between_its_making_and_the_open_is_made_again() throws Exception {
        FileStateStore store = store();
        store.create("web");
        store.lock("web").close();
        Files.delete(root().resolve(FileStateStore.LOCK_AREA).resolve("web"));
        Files.delete(root().resolve(FileStateStore.LOCK_AREA));

        try (StateStore.Lock lock = store.lock("web")) {
            assertTrue(Files.exists(root().resolve(FileStateStore.LOCK_AREA).resolve("web")));
        }
    }

    @Test
    void a_lock_file_lives_as_long_as_its_container() throws IOException {
        FileStateStore store = store();
        Path lockFile = root().resolve(FileStateStore.LOCK_AREA).resolve("web");
        store.lock("web").close(); // e.g. a create refused before it made anything, or state of no container
        assertFalse(Files.exists(lockFile), "no container: no lock file");

        store.create("web");
        store.lock("web").close();
        assertTrue(Files.exists(lockFile), "the container's lock file stays while it exists");
    }

    @Test
    void remove_without_holding_the_lock_takes_it_and_still_leaves_nothing() throws IOException {
        FileStateStore store = store();
        store.create("web");
        store.lock("web").close();

        store.remove("web");

        assertFalse(Files.exists(root().resolve("web")));
        assertFalse(Files.exists(root().resolve(FileStateStore.LOCK_AREA).resolve("web")));
    }

    @Test
    void remove_deletes_symlinks_inside_the_container_but_not_their_targets() throws IOException {
        FileStateStore store = store();
        Path outside = Files.createDirectories(tmp.resolve("precious"));
        Path keep = Files.writeString(outside.resolve("keep.txt"), "keep");
        store.create("web");
        Files.createSymbolicLink(root().resolve("web").resolve("link"), outside);

        store.remove("web");

        assertFalse(Files.exists(root().resolve("web"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep", Files.readString(keep));
    }

    @Test
    void a_link_at_a_containers_name_is_no_container_and_is_never_followed() throws IOException {
        FileStateStore store = store();
        store.create("real");
        store.save(TestStates.created("real"));
        store.writeFile("real", "config.json", "{}".getBytes(StandardCharsets.UTF_8));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("state.json"), Files.readString(root().resolve("real/state.json")));
        Files.createSymbolicLink(root().resolve("absolute"), elsewhere);
        Files.createSymbolicLink(root().resolve("relative"), Path.of("real"));

        for (String planted : List.of("absolute", "relative")) {
            assertEquals(Optional.empty(), store.load(planted), planted);
            assertFalse(store.exists(planted), planted);
            assertEquals(Optional.empty(), store.readFile(planted, "config.json"), planted);
            SyscallException e = assertThrows(SyscallException.class,
                    () -> store.save(TestStates.created(planted)), planted);
            assertEquals(Errno.ENOENT, e.errno(), planted);
        }
        assertEquals(List.of("real"), store.ids());
        try (var names = Files.list(elsewhere)) {
            assertEquals(List.of("state.json"), names.map(p -> p.getFileName().toString()).toList(),
                    "nothing was written through the link");
        }

        store.remove("absolute");
        assertFalse(Files.exists(root().resolve("absolute"), LinkOption.NOFOLLOW_LINKS), "the link itself goes");
        assertTrue(Files.exists(elsewhere.resolve("state.json")), "what it names stays");
    }

    @Test
    void a_link_at_a_file_in_a_container_is_no_file() throws IOException {
        FileStateStore store = store();
        store.create("web");
        Path elsewhere = Files.writeString(tmp.resolve("state.json"), "{\"id\": \"web\", \"pid\": 1}");
        Files.createSymbolicLink(root().resolve("web").resolve("state.json"), elsewhere);
        Files.createSymbolicLink(root().resolve("web").resolve("config.json"), elsewhere);

        assertEquals(Optional.empty(), store.load("web"));
        assertEquals(Optional.empty(), store.readFile("web", "config.json"));
        store.save(TestStates.created("web"));
        assertFalse(Files.isSymbolicLink(root().resolve("web").resolve("state.json")), "replaced, not written through");
        assertEquals("{\"id\": \"web\", \"pid\": 1}", Files.readString(elsewhere));
    }

    @Test
    void a_link_at_the_lock_area_is_refused_not_followed() throws IOException {
        FileStateStore store = store();
        Files.createDirectories(root());
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(root().resolve(FileStateStore.LOCK_AREA), elsewhere);

        SyscallException e = assertThrows(SyscallException.class, () -> store.lock("web"));

        assertEquals(Errno.EEXIST, e.errno());
        try (var names = Files.list(elsewhere)) {
            assertEquals(List.of(), names.toList());
        }
    }

    @Test
    void ids_as_long_as_a_file_name_can_be_are_stored_locked_and_removed() throws IOException {
        FileStateStore store = store();
        for (int length = 250; length <= 255; length++) {
            String id = "a".repeat(length);
            try (StateStore.Lock lock = store.lock(id)) {
                store.create(id);
                store.save(TestStates.created(id));
                store.writeFile(id, "config.json", "{}".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(id, store.load(id).orElseThrow().id());
            assertEquals(List.of(id), store.ids());
            store.remove(id);
            assertEquals(List.of(), store.ids());
        }
        try (var left = Files.list(root())) {
            assertEquals(List.of(), left.toList(), "no lock file, no lock area is left");
        }
    }

    @Test
    void an_id_longer_than_a_file_name_can_be_is_refused_in_runcs_words() {
        FileStateStore store = store();
        String id = "a".repeat(256);

        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                () -> store.lock(id), () -> store.create(id), () -> store.load(id), () -> store.remove(id))) {
            SyscallException e = assertThrows(SyscallException.class, call);
            assertEquals("lstat " + root().resolve(id) + ": file name too long", e.getMessage());
        }
        assertFalse(Files.exists(root()), "nothing was made");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_reader_never_sees_a_partial_state_while_a_writer_saves_500_times() throws Exception {
        FileStateStore store = store();
        store.create("web");
        StoredState base = TestStates.created("web");
        store.save(base);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] reads = {0};

        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    StoredState seen = store.load("web").orElseThrow();
                    assertEquals(base.bundle(), seen.bundle()); // a whole state, never a truncated one
                    assertEquals(base.cgroupPaths(), seen.cgroupPaths());
                    reads[0]++;
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 1; i <= 500 && failure.get() == null; i++) {
            store.save(base.withPid(i, i * 10L));
        }
        done.set(true);
        reader.join(TimeUnit.SECONDS.toMillis(30));

        assertNull(failure.get(), () -> "reader failed: " + failure.get());
        assertTrue(reads[0] > 0);
        assertEquals(500, store.load("web").orElseThrow().pid());
        try (var left = Files.list(root().resolve("web"))) {
            assertEquals(List.of("state.json"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}

package io.jrunc.cli.store;

import io.jrunc.ports.model.StoredState;
import java.util.Map;

/** Test data for the store. */
final class TestStates {
    private TestStates() {}

    static StoredState created(String id) {
        return new StoredState(id, 4242, 987654321L, "/bundles/" + id, "/bundles/" + id + "/rootfs",
                "2024-05-01T12:00:00.000000001Z", "root", "created",
                Map.of("org.example.secret", "hunter2", "empty", ""),
                Map.of("memory", "/sys/fs/cgroup/jrunc/" + id, "pids", "/sys/fs/cgroup/jrunc/" + id));
    }
}

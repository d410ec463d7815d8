package io.jrunc.cli;

import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.lifecycle.StateFiles;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.StoredState;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command lines run one after another against one fake kernel and one state store, with the cgroups stubbed:
 * a running container is a fake process with a saved state and a frozen config.json.
 */
final class CgroupCli {
    static final String CONFIG = "{\"ociVersion\":\"1.2.1\",\"hostname\":\"web\",\"linux\":{\"resources\":"
            + "{\"memory\":{\"limit\":104857600},\"cpu\":{\"shares\":512}},\"namespaces\":[{\"type\":\"pid\"}]}}";

    final StubCgroups cgroups = new StubCgroups();
    final Runtime runtime;
    final FakeKernel kernel;
    final StateStore store;

    CgroupCli() {
        this(true);
    }

    /** @param stubbed the cgroups stubbed; otherwise the runtime's own cgroup driver binding is used */
    CgroupCli(boolean stubbed) {
        runtime = stubbed
                ? Runtime.wire(Backend.FAKE, Path.of("/run/jrunc"), false, binder -> binder.bind(CgroupDriver.class).toInstance(cgroups))
                : Runtime.wire(Backend.FAKE, Path.of("/run/jrunc"), false);
        kernel = runtime.get(FakeKernel.class);
        store = runtime.get(StateStore.class);
    }

    /** A container whose init runs (no exec fifo: started), with {@link #CONFIG} as its frozen config. */
    int running(String id) {
        int pid = kernel.spawn(new SpawnRequest("/proc/self/exe", List.of("jrunc", "init"), List.of(), Set.of(),
                Map.of(), List.of(0, 1, 2)));
        store.create(id);
        store.save(new StoredState(id, pid, kernel.startTime(pid).getAsLong(), "/bundles/" + id,
                "/bundles/" + id + "/rootfs", "2026-11-23T04:00:00Z", "root", "running", Map.of(),
                Map.of("memory", "/jrunc/" + id)));
        store.writeFile(id, StateFiles.CONFIG, CONFIG.getBytes(StandardCharsets.UTF_8));
        cgroups.of(id).processes.add(pid);
        return pid;
    }

    String frozenConfig(String id) {
        return new String(store.readFile(id, StateFiles.CONFIG).get(), StandardCharsets.UTF_8);
    }

    Cli.Result run(String... args) {
        return runWithStdin("", args);
    }

    Cli.Result runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        RuntimeCommand root = new RuntimeCommand().preset(runtime,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int status = Main.execute(root, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli.Result(status, out.toString(), err.toString());
    }
}

package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.FsCgroupDriver;
import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.adapter.fake.InMemoryStateStore;
import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.runtime.ContainerConfig;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The domain's use cases wired to one fake kernel, as the CLI wires them for --backend fake. */
final class FakeRuntime {
    final FakeKernel kernel = new FakeKernel();
    final InMemoryStateStore store = new InMemoryStateStore(kernel);
    final FsCgroupDriver cgroups = new FsCgroupDriver(kernel, kernel);
    final ContainerObserver observer = new ContainerObserver(kernel, kernel, store, cgroups);
    final InitPlanExecutor executor = new InitPlanExecutor(kernel, kernel, kernel, kernel, kernel, kernel, kernel, kernel, kernel);
    final CreateContainer create = new CreateContainer(store, kernel, kernel, new InProcessInit(kernel, kernel, executor),
            executor, Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneOffset.UTC), cgroups);
    final StartContainer start = new StartContainer(store, kernel, observer);
    final QueryState query = new QueryState(store, observer);
    final KillContainer kill = new KillContainer(store, kernel, observer);
    final DeleteContainer delete = new DeleteContainer(store, kernel, observer);

    FakeRuntime() {
        kernel.addDirectory(TestConfigs.ROOTFS);
        kernel.addExecutable(TestConfigs.ROOTFS + "/bin/sh");
    }

    Either<LifecycleError, ContainerState> create(String id, ContainerConfig config) {
        return create.create(new CreateRequest(id, "/bundles/web", config, Map.of("k", "v"), new byte[] {'{', '}'},
                "root"));
    }
}

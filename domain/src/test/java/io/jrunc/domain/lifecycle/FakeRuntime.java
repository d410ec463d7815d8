package io.jrunc.domain.lifecycle;

import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.adapter.fake.InMemoryStateStore;
import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.FsCgroupDriver;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.runtime.ContainerConfig;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;

/** The domain's use cases wired to one fake kernel, as the CLI wires them for --backend fake. */
final class FakeRuntime {
    final FakeKernel kernel = new FakeKernel();
    final InMemoryStateStore store = new InMemoryStateStore(kernel);
    final CgroupDriver cgroups;
    final ContainerObserver observer;
    final InitPlanExecutor executor = new InitPlanExecutor(kernel, kernel, kernel, kernel, kernel, kernel, kernel, kernel, kernel, kernel, kernel);
    final CreateContainer create;
    final StartContainer start;
    final QueryState query;
    final KillContainer kill;
    final DeleteContainer delete;
    /** Told of each stage create reaches (CreateStages), for tests that look at what is made by then. */
    CreateStages onStage = CreateStages.NONE;

    /** Cgroups in the fake kernel's cgroupfs, made by the cgroupfs driver. */
    FakeRuntime() {
        this(kernel -> new FsCgroupDriver(kernel, kernel));
    }

    /** Cgroups in memory: the observer and every use case, create included, find the same ones there. */
    FakeRuntime(InMemoryCgroups cgroups) {
        this(kernel -> cgroups);
    }

    private FakeRuntime(Function<FakeKernel, CgroupDriver> cgroups) {
        this.cgroups = cgroups.apply(kernel);
        observer = new ContainerObserver(kernel, kernel, store, this.cgroups);
        create = new CreateContainer(store, kernel, kernel, new InProcessInit(kernel, kernel, executor, kernel, kernel, kernel), executor,
                Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneOffset.UTC), this.cgroups,
                stage -> onStage.reached(stage));
        start = new StartContainer(store, kernel, observer);
        query = new QueryState(store, observer);
        kill = new KillContainer(store, kernel, observer);
        delete = new DeleteContainer(store, kernel, observer);
        kernel.addDirectory(TestConfigs.ROOTFS);
        kernel.addExecutable(TestConfigs.ROOTFS + "/bin/sh");
    }

    Either<LifecycleError, ContainerState> create(String id, ContainerConfig config) {
        return create.create(new CreateRequest(id, "/bundles/web", config, Map.of("k", "v"), new byte[] {'{', '}'},
                "root", true));
    }
}

package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.container.LifecycleError;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two commands on one id never interleave: exactly one create wins, the rest see it exists. */
class ConcurrentCommandsTest {
    @Test
    void ofEightConcurrentCreatesOfOneIdExactlyOneSucceeds() {
        FakeRuntime rt = new FakeRuntime();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Either<LifecycleError, ContainerState>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return rt.create("web", TestConfigs.minimal());
                }));
            }
            go.countDown();
            int created = 0;
            int refused = 0;
            for (var f : results) {
                var r = f.get();
                if (r.isRight()) {
                    created++;
                } else {
                    assertEquals("container with id exists: web", r.getLeft().message());
                    refused++;
                }
            }
            pool.shutdownNow();
            assertEquals(1, created);
            assertEquals(7, refused);
            assertEquals(1, rt.kernel.journal().stream().filter(c -> c.syscall().equals("posix_spawn")).count());
        });
    }
}

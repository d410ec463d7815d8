package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.StageMessage;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * The one way every jrunc-init stage starts, on the fake kernel: an init that says "waiting" is handed over with
 * only our end of its socket open; on every other way out both ends are closed, and a process that started is
 * killed and reaped.
 */
class SpawnedStageTest {
    private final FakeKernel kernel = new FakeKernel();
    private final Map<Integer, String> before = kernel.openFds();
    private SpawnRequest spawned;
    private int pid = -1;

    /** Spawns on the fake and, as the init would, writes {@code hello} (none: it died) to its end first. */
    private ToIntFunction<SpawnRequest> initSaying(String... hello) {
        return request -> {
            spawned = request;
            int end = Integer.parseInt(request.argv().get(1));
            if (hello.length > 0) {
                kernel.write(end, StageMessage.encode(List.of(hello)));
            }
            pid = kernel.spawn(request);
            return pid;
        };
    }

    private Optional<SpawnedStage> spawn(ToIntFunction<SpawnRequest> spawner,
                                         java.util.function.Consumer<NativeInitStage> first) {
        return SpawnedStage.spawn(kernel, kernel, "/jrunc-init", end -> {
            List<Integer> given = new ArrayList<>(List.of(0, 1, 2));
            given.add(end);
            given.add(9);
            return given;
        }, spawner, first);
    }

    private List<Call> killsAndWaits() {
        return kernel.journal().stream().filter(c -> c instanceof Call.Kill || c instanceof Call.WaitFor).toList();
    }

    @Test
    void aReadyInitKeepsOnlyOurEndOpen_andGetsItsEndWhereTheCallerPutIt() {
        SpawnedStage stage = spawn(initSaying("waiting"), s -> { }).orElseThrow();
        int end = Integer.parseInt(spawned.argv().get(1));
        assertEquals(List.of(0, 1, 2, end, 9), spawned.inheritedFds());
        assertEquals("/jrunc-init", spawned.executable());
        assertTrue(kernel.isAlive(stage.pid()));
        assertEquals(before.size() + 1, kernel.openFds().size(), kernel.openFds().toString());
        assertFalse(kernel.openFds().containsKey(end));
        assertEquals(List.of(), killsAndWaits());
        stage.stage().close();
        assertEquals(before, kernel.openFds());
    }

    @Test
    void anInitThatDiedBeforeItsWaitingIsEmpty_killedReapedAndBothEndsClosed() {
        Optional<SpawnedStage> stage = spawn(initSaying(), s -> { });
        assertTrue(stage.isEmpty());
        assertFalse(kernel.isAlive(pid));
        assertEquals(List.of(new Call.Kill(pid, 9), new Call.WaitFor(pid)), killsAndWaits());
        assertEquals(before, kernel.openFds());
    }

    @Test
    void aSpawnThatFailsThrowsWithBothEndsClosedAndNothingToKill() {
        SyscallException e = assertThrows(SyscallException.class, () -> spawn(request -> {
            throw new SyscallException("posix_spawn", Errno.ENOENT, "/jrunc-init");
        }, s -> { }));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(List.of(), killsAndWaits());
        assertEquals(before, kernel.openFds());
    }

    @Test
    void whatIsSetFirstComesBeforeTheHello_andOneThatThrowsLeavesNothing() {
        NativeInitStage[] seen = {null};
        SpawnedStage stage = spawn(initSaying("waiting"), s -> seen[0] = s).orElseThrow();
        assertSame(stage.stage(), seen[0]);
        stage.stage().close();
        InitTermination.killAndAwait(kernel, stage.pid());
        kernel.clearJournal();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> spawn(initSaying("waiting"), s -> {
                    throw new IllegalStateException("refused");
                }));
        assertEquals("refused", e.getMessage());
        assertEquals(List.of(new Call.Kill(pid, 9), new Call.WaitFor(pid)), killsAndWaits());
        assertFalse(kernel.isAlive(pid));
        assertEquals(before, kernel.openFds());
    }

    @Test
    void onTheCallingThreadOneNotReadyIsAnEioSayingWhatItWasFor() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> SpawnedStage.spawn(kernel, kernel, "/jrunc-init", List.of(0, 1, 2), "the mapping process"));
        assertEquals(Errno.EIO, e.errno());
        assertTrue(e.getMessage().contains("the mapping process: /jrunc-init exited before it was ready"),
                e.getMessage());
        // Spawned by the fake itself here: the one kill is of its one spawn, which is gone.
        assertEquals(1, kernel.journalOf(Call.Spawn.class).size());
        int child = kernel.journalOf(Call.Kill.class).get(0).pid();
        assertTrue(child != kernel.self());
        assertFalse(kernel.isAlive(child));
        assertEquals(List.of(new Call.Kill(child, 9), new Call.WaitFor(child)), killsAndWaits());
        assertEquals(before, kernel.openFds());
    }
}

package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.domain.runtime.CapabilitySets;
import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SpawnRequest;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** runc's words for a process user that the user namespace does not map, and which of the two ids it names. */
class UnmappedUserTest {
    private static final String MAP = "         0     100000       1000\n      1000     300000       1000\n";

    private final FakeKernel kernel = new FakeKernel();
    private final InitPlanExecutor executor = new InitPlanExecutor(kernel, kernel, kernel, kernel, kernel, kernel,
            kernel, kernel, kernel, kernel, kernel);

    private static ProcessSpec user(int uid, int gid) {
        return new ProcessSpec(List.of("sh"), List.of(), "/", uid, gid, List.of(), OptionalInt.empty(), false, false,
                CapabilitySets.none(), 0);
    }

    /** The switch of user in a process whose uid_map is MAP, with {@code call}'s next one failing EINVAL. */
    private String switchFailing(ProcessSpec p, Class<? extends Call> call, Errno errno) {
        int pid = kernel.spawn(new SpawnRequest("jrunc-init", List.of("jrunc-init"), List.of(), Set.of(), Map.of(),
                List.of(0, 1, 2)));
        kernel.write(pid, "uid_map", MAP);
        kernel.failNext(call, errno);
        var done = executor.containerPhase(new InitPlan(List.of(new InitStep.SwitchUser(p))), executor.inProcess(pid),
                s -> { });
        assertTrue(done.isLeft(), "the switch failed");
        return done.getLeft().message();
    }

    @Test
    void anUnmappedGidOfAMappedUidIsTheGids() {
        assertEquals("switch user: cannot set gid to unmapped user in user namespace",
                switchFailing(user(1000, 70000), Call.SetResGid.class, Errno.EINVAL));
    }

    @Test
    void anUnmappedUidIsSaidFirstAsRuncChecksItFirst_evenWhereTheGidsCallFailedFirst() {
        assertEquals("switch user: cannot set uid to unmapped user in user namespace",
                switchFailing(user(70000, 70000), Call.SetResGid.class, Errno.EINVAL));
        assertEquals("switch user: cannot set uid to unmapped user in user namespace",
                switchFailing(user(5000, 0), Call.SetResUid.class, Errno.EINVAL));
    }

    @Test
    void anotherErrnoStaysTheKernels() {
        String message = switchFailing(user(1000, 1000), Call.SetResUid.class, Errno.EPERM);
        assertTrue(message.startsWith("switch user: setresuid 1000, 1000, 1000: "), message);
        assertFalse(message.contains("unmapped"), message);
    }

    @Test
    void aMapMapsItsRangesInclusiveOfTheFirstAndExclusiveOfFirstPlusCount() {
        assertTrue(UnmappedUser.maps(MAP, 0));
        assertTrue(UnmappedUser.maps(MAP, 999));
        assertTrue(UnmappedUser.maps(MAP, 1000));
        assertTrue(UnmappedUser.maps(MAP, 1999));
        assertFalse(UnmappedUser.maps(MAP, 2000));
        assertFalse(UnmappedUser.maps("", 0));
        assertFalse(UnmappedUser.maps("5 100000 10\n", 4));
        assertTrue(UnmappedUser.maps("5 100000 10\n", 5));
        assertTrue(UnmappedUser.maps("0 0 4294967295\n", -2), "ids are unsigned");
        assertTrue(UnmappedUser.maps("garbage\n0 1\nx y z\n0 100 1\n", 0), "lines not of the kernel's are skipped");
    }
}

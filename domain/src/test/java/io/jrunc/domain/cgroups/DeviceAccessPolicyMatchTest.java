package io.jrunc.domain.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jrunc.domain.cgroups.DeviceAccessPolicy.Match;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Match's written-out equals and hashCode keep the record's contract: equal by type, major and minor. */
class DeviceAccessPolicyMatchTest {
    @Test
    void equalMatchesAreEqualWithEqualHashes() {
        assertEquals(new Match(false, 1, 3), new Match(false, 1, 3));
        assertEquals(new Match(false, 1, 3).hashCode(), new Match(false, 1, 3).hashCode());
        assertEquals(new Match(true, -1, -1), new Match(true, DeviceAccessPolicy.WILDCARD, DeviceAccessPolicy.WILDCARD));
    }

    @Test
    void typeMajorAndMinorEachTellMatchesApart() {
        List<Match> all = List.of(new Match(false, 1, 3), new Match(true, 1, 3), new Match(false, 3, 1),
                new Match(false, 1, -1), new Match(false, -1, 3), new Match(true, -1, -1));
        Set<Match> distinct = new HashSet<>(all);
        assertEquals(all.size(), distinct.size());
        assertNotEquals(new Match(false, 1, 3), "c 1:3");
    }
}

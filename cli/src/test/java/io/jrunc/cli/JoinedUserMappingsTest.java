package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.IdMapping;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Namespace;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A joined user namespace's mappings: the config's, else read from /proc/PID, else a clear refusal. */
class JoinedUserMappingsTest {
    private static Spec joining(String path, List<IdMapping> uids, List<IdMapping> gids) {
        Spec base = DefaultSpecs.runc();
        Linux linux = base.linux().orElseThrow();
        List<Namespace> namespaces = new ArrayList<>(linux.namespaces());
        namespaces.add(new Namespace(NamespaceType.USER, Optional.of(path)));
        return base.toBuilder().linux(linux.toBuilder().namespaces(namespaces).uidMappings(uids).gidMappings(gids)
                .build()).build();
    }

    @Test
    void givenMappingsAreKeptForTheInitToCheck() {
        List<IdMapping> ranges = List.of(new IdMapping(0, 100000, 65536));
        Spec spec = joining("/run/userns/pod", ranges, ranges);
        assertEquals(spec, JoinedUserMappings.fill(spec).get());
    }

    @Test
    void absentOnesAreReadFromTheProcessOfAProcPath() {
        long self = ProcessHandle.current().pid();
        Spec filled = JoinedUserMappings.fill(joining("/proc/" + self + "/ns/user", List.of(), List.of())).get();
        // This test runs in the host's user namespace: everything mapped to itself.
        assertEquals(List.of(new IdMapping(0, 0, 4294967295L)), filled.linux().orElseThrow().uidMappings());
        assertEquals(List.of(new IdMapping(0, 0, 4294967295L)), filled.linux().orElseThrow().gidMappings());
    }

    @Test
    void absentOnesForAnotherPathAreRefusedByName() {
        var refused = JoinedUserMappings.fill(joining("/run/userns/pod", List.of(), List.of()));
        assertTrue(refused.isLeft());
        assertEquals("linux.uidMappings, linux.gidMappings: needed to join the user namespace /run/userns/pod (its own"
                + " are read only from a /proc/PID/ns/user path)", refused.getLeft());
    }
}

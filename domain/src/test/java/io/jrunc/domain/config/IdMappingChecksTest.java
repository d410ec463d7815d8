package io.jrunc.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** linux.uidMappings and gidMappings as the kernel's uid_map and gid_map take them, checked before anything is made. */
class IdMappingChecksTest {
    private static final Spec VALID = DefaultSpecs.runc();
    private static final List<IdMapping> ROOT = List.of(new IdMapping(0, 100000, 65536));

    private static List<String> errorsOf(Spec spec) {
        return SpecValidator.errors(spec).stream().map(ConfigError::toString).toList();
    }

    /** runc's default spec with a new user namespace and {@code change} applied to its linux section. */
    private static Spec userns(UnaryOperator<Linux.Builder> change) {
        List<Namespace> namespaces = new ArrayList<>(VALID.linux().orElseThrow().namespaces());
        namespaces.add(Namespace.of(NamespaceType.USER));
        Linux.Builder linux = VALID.linux().orElseThrow().toBuilder().namespaces(namespaces)
                .uidMappings(ROOT).gidMappings(ROOT);
        return VALID.toBuilder().linux(change.apply(linux).build()).build();
    }

    @Test
    void oneOrSeveralDisjointRangesThatMapRootAreValid() {
        assertEquals(List.of(), errorsOf(userns(l -> l)));
        // Adjacent ranges, on both sides, do not overlap; the last valid id is 4294967294.
        assertEquals(List.of(), errorsOf(userns(l -> l.uidMappings(List.of(new IdMapping(0, 100000, 10),
                new IdMapping(10, 100010, 10), new IdMapping(4294967294L, 200000, 1))))));
    }

    @Test
    void everyBadRangeIsNamedAtOnce() {
        Spec spec = userns(l -> l
                .uidMappings(List.of(new IdMapping(0, 100000, 10), new IdMapping(5, 200000, 10),
                        new IdMapping(100, 100009, 1), new IdMapping(200, 300000, 0)))
                .gidMappings(List.of(new IdMapping(0, 100000, 10), new IdMapping(4294967290L, 200000, 6),
                        new IdMapping(20, 4294967295L, 1))));
        assertEquals(List.of(
                "linux.uidMappings[1].containerID: range overlaps linux.uidMappings[0]",
                "linux.uidMappings[2].hostID: range overlaps linux.uidMappings[0]",
                "linux.uidMappings[3].size: must be greater than zero",
                "linux.gidMappings[1].containerID: range 4294967290+6 goes past the last id, 4294967294",
                "linux.gidMappings[2].hostID: range 4294967295+1 goes past the last id, 4294967294"),
                errorsOf(spec));
    }

    @Test
    void theKernelTakesAtMost340Ranges() {
        List<IdMapping> many = new ArrayList<>();
        for (int i = 0; i < 341; i++) {
            many.add(new IdMapping(i, 100000 + i, 1));
        }
        assertEquals(List.of("linux.uidMappings: at most 340 ranges, got 341"),
                errorsOf(userns(l -> l.uidMappings(many))));
        assertEquals(List.of(), errorsOf(userns(l -> l.uidMappings(many.subList(0, 340)))));
    }

    @Test
    void theContainersRootMustBeMappedInRuncsWords() {
        Spec spec = userns(l -> l.uidMappings(List.of(new IdMapping(1, 100000, 10)))
                .gidMappings(List.of(new IdMapping(1000, 100000, 10))));
        assertEquals(List.of("linux.uidMappings: User namespaces enabled, but no user mapping found.",
                "linux.gidMappings: User namespaces enabled, but no group mapping found."), errorsOf(spec));
    }

    @Test
    void aDeviceOwnerMustBeMapped() {
        Device owned = new Device(DeviceType.CHAR, "/dev/fuse", 10, 229, OptionalInt.of(0666), OptionalLong.of(70000),
                OptionalLong.of(5));
        assertEquals(List.of("linux.devices[0].uid: is not mapped in the user namespace"),
                errorsOf(userns(l -> l.devices(List.of(owned)))));
    }
}

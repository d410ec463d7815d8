package io.jrunc.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** mounts[].uidMappings, gidMappings and the idmap/ridmap options, as runc 1.2 checks them, before anything is made. */
class IdmappedMountChecksTest {
    private static final List<IdMapping> RANGE = List.of(new IdMapping(0, 100000, 65536));

    private static List<String> errorsOf(Spec spec) {
        return SpecValidator.errors(spec).stream().map(ConfigError::toString).toList();
    }

    /** runc's default config with a user namespace of its own when {@code userns}, and {@code mount} last. */
    private static Spec with(boolean userns, Mount mount) {
        Spec base = DefaultSpecs.runc();
        Linux.Builder linux = base.linux().orElseThrow().toBuilder();
        if (userns) {
            List<Namespace> namespaces = new ArrayList<>(base.linux().orElseThrow().namespaces());
            namespaces.add(Namespace.of(NamespaceType.USER));
            linux.namespaces(namespaces).uidMappings(RANGE).gidMappings(RANGE);
        }
        List<Mount> mounts = new ArrayList<>(base.mounts());
        mounts.add(mount);
        return base.toBuilder().linux(linux.build()).mounts(mounts).build();
    }

    private static Mount bind(List<String> options, List<IdMapping> uids, List<IdMapping> gids) {
        return new Mount("/data", Optional.of("bind"), Optional.of("/srv"), options, uids, gids);
    }

    private static int last() {
        return DefaultSpecs.runc().mounts().size();
    }

    @Test
    void aBindWithMappingsIsValidWithOrWithoutTheOptionAndWithOrWithoutAUserNamespace() {
        assertEquals(List.of(), errorsOf(with(true, bind(List.of("rbind", "ridmap"), RANGE, RANGE))));
        assertEquals(List.of(), errorsOf(with(true, bind(List.of("bind"), RANGE, RANGE))));
        assertEquals(List.of(), errorsOf(with(false, bind(List.of("bind", "idmap"), RANGE, RANGE))));
    }

    @Test
    void theOptionAloneTakesTheContainersMappingsAndNeedsThem() {
        assertEquals(List.of(), errorsOf(with(true, bind(List.of("bind", "idmap"), List.of(), List.of()))));
        assertEquals(List.of("mounts[" + last() + "].options: idmap without uidMappings and gidMappings takes the "
                        + "container's user namespace mappings, and there are none"),
                errorsOf(with(false, bind(List.of("bind", "idmap"), List.of(), List.of()))));
    }

    @Test
    void onlyABindCanBeIdMapped() {
        Mount tmpfs = new Mount("/data", Optional.of("tmpfs"), Optional.of("tmpfs"), List.of("ridmap"), RANGE, RANGE);
        assertEquals(List.of("mounts[" + last() + "]: id-mapped mounts are only supported for bind-mounts"),
                errorsOf(with(true, tmpfs)));
        Mount optionBind = new Mount("/data", Optional.empty(), Optional.of("/srv"), List.of("rbind", "idmap"),
                List.of(), List.of());
        assertEquals(List.of(), errorsOf(with(true, optionBind)), "a bind by its option, with no type");
    }

    @Test
    void theRangesAreCheckedAsAUserNamespacesAreAndBothMapsAreNeeded() {
        int i = last();
        List<IdMapping> bad = List.of(new IdMapping(0, 100000, 10), new IdMapping(5, 200000, 10),
                new IdMapping(20, 300000, 0), new IdMapping(30, 4294967290L, 10));
        assertEquals(List.of("mounts[" + i + "].uidMappings[1].containerID: range overlaps mounts[" + i
                        + "].uidMappings[0]",
                "mounts[" + i + "].uidMappings[2].size: must be greater than zero",
                "mounts[" + i + "].uidMappings[3].hostID: range 4294967290+10 goes past the last id, 4294967294"),
                errorsOf(with(true, bind(List.of("bind"), bad, RANGE))));
        assertEquals(List.of("mounts[" + i + "]: id-mapped mounts need both uidMappings and gidMappings"),
                errorsOf(with(true, bind(List.of("bind"), RANGE, List.of()))));
    }
}

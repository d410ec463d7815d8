package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.config.IdMapping;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.IdMappings;
import io.jrunc.domain.runtime.MountIdmap;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountFlag;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Id-mapped binds on the fake kernel: one user namespace per distinct mapping, made before the init is spawned,
 * and every fd of one closed when create ends, made or failed.
 */
class IdmappedMountLifecycleTest {
    private static final IdMappings SAME = new IdMappings(List.of(new IdMapping(0, 100000, 65536)),
            List.of(new IdMapping(0, 100000, 65536)));
    private static final IdMappings OTHER = new IdMappings(List.of(new IdMapping(0, 200000, 10)),
            List.of(new IdMapping(0, 200000, 10)));

    private final FakeRuntime rt = new FakeRuntime();

    @BeforeEach
    void sources() {
        rt.kernel.addDirectory("/srv/a");
        rt.kernel.addDirectory("/srv/b");
    }

    private static MountSpec bind(String source, String destination, IdMappings ids, int index, boolean rbind) {
        Set<MountFlag> flags = rbind ? Set.of(MountFlag.MS_BIND, MountFlag.MS_REC) : Set.of(MountFlag.MS_BIND);
        return new MountSpec(source, destination, "bind", flags, List.of(), "", false,
                Optional.of(new MountIdmap(ids, rbind, "mounts[" + index + "]", -1)));
    }

    private static ContainerConfig with(List<MountSpec> mounts) {
        return TestConfigs.minimal().toBuilder().rootfs(TestConfigs.rootfs(mounts)).build();
    }

    private long count(Class<? extends Call> kind) {
        return rt.kernel.journal().stream().filter(kind::isInstance).count();
    }

    private List<String> namespaceFds() {
        return rt.kernel.openFds().values().stream().filter(p -> p.endsWith("/ns/user")).toList();
    }

    @Test
    void eachDistinctMappingGetsOneUserNamespaceMadeBeforeTheInitAndClosedAfter() {
        var created = rt.create("web", with(List.of(bind("/srv/a", "/a", SAME, 0, false),
                bind("/srv/b", "/b", SAME, 1, true), bind("/srv/a", "/c", OTHER, 2, false))));

        assertTrue(created.isRight(), created.toString());
        assertEquals(2, count(Call.OpenNamespace.class), "one user namespace per distinct mapping");
        assertEquals(3, count(Call.BindIdmapped.class));
        List<Call> journal = rt.kernel.journal();
        int lastNamespace = -1;
        int initSpawn = -1;
        for (int i = 0; i < journal.size(); i++) {
            if (journal.get(i) instanceof Call.OpenNamespace) {
                lastNamespace = i;
            }
            if (journal.get(i) instanceof Call.Spawn s && s.request().inheritedFds().size() > 3 && initSpawn < 0) {
                initSpawn = i;
            }
        }
        assertTrue(lastNamespace < initSpawn, "the namespaces are made before the init is spawned");
        Call.BindIdmapped rbind = rt.kernel.journal().stream().filter(Call.BindIdmapped.class::isInstance)
                .map(Call.BindIdmapped.class::cast).filter(b -> b.bind().target().endsWith("/b")).findFirst()
                .orElseThrow();
        assertTrue(rbind.bind().recursive() && rbind.bind().recursiveIdmap());
        assertEquals(List.of(), namespaceFds(), "every user namespace fd is closed");
        assertEquals(2, count(Call.Kill.class), "both mapping processes are ended");
    }

    @Test
    void aBindTheKernelRefusesFailsCreateNamingTheMountAndLeavesNoFd() {
        rt.kernel.failNext(Call.BindIdmapped.class, Errno.EINVAL);

        LifecycleError error = rt.create("web", with(List.of(bind("/srv/a", "/a", SAME, 3, false)))).getLeft();

        assertTrue(error.message().startsWith("prepare rootfs: mount_setattr mounts[3] (id-mapped): src=/srv/a"),
                error.message());
        assertTrue(error.message().endsWith(": invalid argument"), error.message());
        assertEquals(List.of(), namespaceFds());
        assertFalse(rt.store.exists("web"));
    }

    @Test
    void aMappingProcessThatFailsEndsCreateBeforeTheInitIsSpawned() {
        rt.kernel.failWhen(c -> c instanceof Call.WriteProc w && w.path().equals("gid_map"), Errno.EINVAL);

        LifecycleError error = rt.create("web", with(List.of(bind("/srv/a", "/a", SAME, 0, false),
                bind("/srv/b", "/b", OTHER, 1, false)))).getLeft();

        assertTrue(error.message().contains("gid_map"), error.message());
        assertEquals(1, count(Call.Spawn.class), "only the first mapping process was spawned");
        assertEquals(1, count(Call.Kill.class), "and it was ended");
        assertEquals(List.of(), namespaceFds());
        assertFalse(rt.store.exists("web"));
    }
}

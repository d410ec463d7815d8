package io.jrunc.domain.runtime;

import static io.jrunc.ports.model.MountFlag.MS_BIND;
import static io.jrunc.ports.model.MountFlag.MS_NODEV;
import static io.jrunc.ports.model.MountFlag.MS_NOEXEC;
import static io.jrunc.ports.model.MountFlag.MS_NOSUID;
import static io.jrunc.ports.model.MountFlag.MS_PRIVATE;
import static io.jrunc.ports.model.MountFlag.MS_RDONLY;
import static io.jrunc.ports.model.MountFlag.MS_REC;
import static io.jrunc.ports.model.MountFlag.MS_SLAVE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
    @Test
    void splitsFlagsPropagationAndFilesystemData() {
        var p = MountOptions.parse(List.of("nosuid", "strictatime", "mode=755", "size=65536k", "rslave"));
        assertEquals(Set.of(MS_NOSUID, io.jrunc.ports.model.MountFlag.MS_STRICTATIME), p.flags());
        assertEquals(List.of(Set.of(MS_SLAVE, MS_REC)), p.propagation());
        assertEquals("mode=755,size=65536k", p.data());
    }

    @Test
    void rbindIsBindPlusRec() {
        assertEquals(Set.of(MS_BIND, MS_REC, MS_RDONLY), MountOptions.parse(List.of("rbind", "ro")).flags());
    }

    @Test
    void aLaterClearingOptionWins() {
        assertEquals(Set.of(MS_NODEV), MountOptions.parse(List.of("ro", "noexec", "rw", "exec", "nodev")).flags());
    }

    @Test
    void propagationOptionsKeepTheirOrder() {
        var p = MountOptions.parse(List.of("private", "rslave"));
        assertEquals(List.of(Set.of(MS_PRIVATE), Set.of(MS_SLAVE, MS_REC)), p.propagation());
        assertEquals(Set.of(MS_NOSUID, MS_NOEXEC, MS_NODEV),
                MountOptions.parse(List.of("nosuid", "noexec", "nodev")).flags());
    }

    @Test
    void tmpcopyupIsRuncsExtensionNotFilesystemData() {
        var p = MountOptions.parse(List.of("nosuid", "tmpcopyup", "mode=755"));
        assertEquals(true, p.copyUp());
        assertEquals("mode=755", p.data());
        assertEquals(false, MountOptions.parse(List.of("nosuid")).copyUp());
    }
}

package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FfmPrelinkTest {
    @Test
    void everyLibcHolderOfTheAdapterIsFoundAndLibseccompsAreLeftToFirstUse() {
        List<String> names = FfmPrelink.holders().stream().map(Class::getName).toList();
        for (String expected : List.of("FfmMounts$chroot", "FfmMounts$umount2", "FfmLibc$syscall", "FfmPosixSpawn$posix_spawn",
                "FfmNamespaces$unshare", "FfmProcesses$waitpid", "FfmLibc$write")) {
            assertTrue(names.contains("io.jrunc.adapter.ffm." + expected), expected + " in " + names);
        }
        assertFalse(names.stream().anyMatch(n -> n.contains("Seccomp")), names.toString());
    }

    @Test
    void linkingAheadLeavesEveryCallWorking() {
        FfmModule.prelink();
        assertTrue(new FfmProcesses().self() > 0);
        assertTrue(new FfmFilesystem().isDirectory("/"));
    }
}

package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.ProcFs;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SpawnRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** /proc/[pid] files: oom_score_adj of a child, and what a missing process or file gives. */
public abstract class ProcFsContract extends PortContract {
    private ProcFs procFs() {
        return ports().procFs();
    }

    private int sleeper() {
        ports().seedExecutable("/bin/sleep");
        return ports().processes().spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "30"), List.of(), Set.of(),
                Map.of(), List.of()));
    }

    private void reap(int pid) {
        ports().processes().kill(pid, 9);
        ports().processes().waitFor(pid);
    }

    @Test
    void oomScoreAdjOfAChildIsWrittenAndRead_andOutOfRangeIsEINVAL() {
        int pid = sleeper();
        try {
            assertEquals("0", procFs().read(pid, "oom_score_adj").orElseThrow().trim());
            procFs().write(pid, "oom_score_adj", "500");

            assertEquals("500", procFs().read(pid, "oom_score_adj").orElseThrow().trim());
            assertErrno(Errno.EINVAL, () -> procFs().write(pid, "oom_score_adj", "5000"));
            assertErrno(Errno.EINVAL, () -> procFs().write(pid, "oom_score_adj", "lots"));
        } finally {
            reap(pid);
        }
    }

    @Test
    void aReapedProcessHasNothingToRead_andWritingThereIsENOENT() {
        int pid = sleeper();
        reap(pid);

        assertTrue(procFs().read(pid, "oom_score_adj").isEmpty());
        assertErrno(Errno.ENOENT, () -> procFs().write(pid, "oom_score_adj", "100"));
    }
}

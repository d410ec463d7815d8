package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.ports.ProcessAttributes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SchedAttr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The attributes a thread sets on itself and hands on through execve, set on a thread that is thrown away
 * afterwards. On the real kernel the thread reads them back from its own /proc/thread-self.
 */
public abstract class ProcessAttributesContract extends PortContract {
    private ProcessAttributes attributes() {
        return ports().processAttributes();
    }

    private static String own(String file) {
        try {
            return Files.readString(Path.of("/proc/thread-self/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theAffinityIsTheThreadsOwn() {
        String allowed = ports().onThrowawayThread(() -> {
            attributes().setAffinity(Set.of(0));
            return ports().realKernel() ? own("status").lines().filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .findFirst().orElse("") : "Cpus_allowed_list:\t0";
        });
        assertEquals("Cpus_allowed_list:\t0", allowed);
    }

    @Test
    void anAffinityWithNoCpuIsEINVAL() {
        ports().onThrowawayThread(() -> assertErrno(Errno.EINVAL, () -> attributes().setAffinity(Set.of())));
    }

    @Test
    void theSchedulerAndTheNiceValue() {
        String stat = ports().onThrowawayThread(() -> {
            attributes().setScheduler(new SchedAttr(SchedAttr.SCHED_BATCH, 0, 7, 0, 0, 0, 0));
            return ports().realKernel() ? own("stat") : "";
        });
        if (ports().realKernel()) {
            // After the command's parentheses: state is field 3, nice field 19, policy field 41.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals("7", fields[19 - 3]);
            assertEquals("3", fields[41 - 3]);
        }
    }

    /** SCHED_ISO is reserved in the uapi headers and implemented by no mainline kernel. */
    @Test
    void aPolicyTheKernelLacksIsEINVAL() {
        ports().onThrowawayThread(() -> assertErrno(Errno.EINVAL,
                () -> attributes().setScheduler(new SchedAttr(4, 0, 0, 0, 0, 0, 0))));
    }

    @Test
    void theIoPriority() {
        ports().onThrowawayThread(() -> {
            attributes().setIoPriority(2 << 13 | 6);
            return null;
        });
    }

    @Test
    void anIoPriorityClassTheKernelLacksIsEINVAL() {
        ports().onThrowawayThread(() -> assertErrno(Errno.EINVAL, () -> attributes().setIoPriority(7 << 13)));
    }

    @Test
    void thePersonalityIsTheThreadsOwn() {
        String persona = ports().onThrowawayThread(() -> {
            attributes().setPersonality(0x0008);
            return ports().realKernel() ? own("personality").trim() : "00000008";
        });
        assertEquals("00000008", persona);
    }

    @Test
    void theMemoryPolicyOfNodeZero() {
        Assumptions.assumeTrue(!ports().realKernel() || Files.exists(Path.of("/sys/devices/system/node/node0")),
                "a NUMA kernel");
        ports().onThrowawayThread(() -> {
            attributes().setMemoryPolicy(3 /* MPOL_INTERLEAVE */, Set.of(0));
            attributes().setMemoryPolicy(0 /* MPOL_DEFAULT */, Set.of());
            return null;
        });
    }

    @Test
    void aMemoryPolicyModeTheKernelLacksIsEINVAL() {
        ports().onThrowawayThread(() -> assertErrno(Errno.EINVAL, () -> attributes().setMemoryPolicy(99, Set.of(0))));
    }
}

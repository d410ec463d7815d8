package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.ports.model.SyscallException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The image's links and the config's destinations against runc's rules for /proc, /sys and /dev (CVE-2019-19921). */
class MountDestinationsTest {
    private final FakeKernel fs = new FakeKernel();

    @BeforeEach
    void image() {
        fs.mkdirs("/r/etc", 0755);
        fs.mkdirs("/r/proc", 0755);
        fs.mkdirs("/r/sys", 0755);
    }

    private static MountSpec bind(String destination) {
        return MountSpec.of("/etc/hosts", destination, "bind", List.of("bind"));
    }

    private String refusal(MountSpec m) {
        return assertThrows(SyscallException.class, () -> MountDestinations.target(fs, "/r", m)).getMessage();
    }

    @Test
    void aBindThatAnImageLinkLeadsIntoProcIsRefusedNamingWhereItWouldLand() {
        fs.symlink("/proc/1/attr/exec", "/r/etc/hosts");

        assertEquals("\"/r/proc/1/attr/exec\" cannot be mounted because it is inside /proc", refusal(bind("/etc/hosts")));
    }

    @Test
    void aMountStraightInsideProcIsRefusedToo() {
        assertEquals("\"/r/proc/sys/kernel/hostname\" cannot be mounted because it is inside /proc",
                refusal(bind("/proc/sys/kernel/hostname")));
        assertEquals("\"/r/proc/self/attr/exec\" cannot be mounted because it is inside /proc",
                refusal(bind("/proc//self/./attr/exec")));
    }

    @Test
    void lxcfsFilesMayBeCoveredAsRuncAllows() {
        for (String file : List.of("/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo", "/proc/stat", "/proc/swaps",
                "/proc/uptime", "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev", "/proc/sys/kernel/ns_last_pid")) {
            assertEquals("/r" + file, MountDestinations.target(fs, "/r", bind(file)), file);
        }
    }

    @Test
    void onlyAProcFilesystemGoesOnProc() {
        assertEquals("\"/r/proc\" cannot be mounted because it is not of type proc",
                refusal(MountSpec.of("tmpfs", "/proc", "tmpfs", List.of())));
        assertEquals("\"/r/proc\" cannot be mounted because it is not of type proc",
                refusal(MountSpec.of("sysfs", "/proc", "sysfs", List.of())));
        assertEquals("/r/proc", MountDestinations.target(fs, "/r", MountSpec.of("proc", "/proc", "proc", List.of())));
    }

    @Test
    void procMustBeARealDirectoryNotAnImageLink() {
        fs.remove("/r/proc");
        fs.mkdirs("/r/fakeproc", 0755);
        fs.symlink("fakeproc", "/r/proc");

        assertEquals("filesystem \"proc\" must be mounted on ordinary directory",
                refusal(MountSpec.of("proc", "/proc", "proc", List.of())));
    }

    @Test
    void procMustNotBeAFile() {
        fs.remove("/r/proc");
        fs.touch("/r/proc", 0644);

        assertEquals("filesystem \"proc\" must be mounted on ordinary directory",
                refusal(MountSpec.of("proc", "/proc", "proc", List.of())));
    }

    @Test
    void sysAndDevThatLinkToProcAreRefused() {
        fs.remove("/r/sys");
        fs.symlink("proc", "/r/sys");
        fs.symlink("/proc", "/r/dev");

        assertEquals("filesystem \"sysfs\" must be mounted on ordinary directory",
                refusal(MountSpec.of("sysfs", "/sys", "sysfs", List.of())));
        assertEquals("filesystem \"tmpfs\" must be mounted on ordinary directory",
                refusal(MountSpec.of("tmpfs", "/dev", "tmpfs", List.of())));
    }

    @Test
    void aMissingProcIsMadeWhereItBelongs() {
        fs.remove("/r/proc");

        assertEquals("/r/proc", MountDestinations.target(fs, "/r", MountSpec.of("proc", "/proc", "proc", List.of())));
    }

    @Test
    void otherMountsStillFollowTheImagesLinksInsideTheRoot() {
        fs.mkdirs("/r/srv", 0755);
        fs.symlink("/srv", "/r/data");

        assertEquals("/r/srv", MountDestinations.target(fs, "/r", bind("/data")));
        assertEquals("/r/procedure", MountDestinations.target(fs, "/r", bind("/procedure")));
    }

    @Test
    void theRefusalIsTheMountsFailure() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> MountDestinations.target(fs, "/r", bind("/proc/kcore")));
        assertEquals("mount", e.syscall());
        assertTrue(e.getMessage().endsWith("cannot be mounted because it is inside /proc"));
    }
}

package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.BpfInstruction;
import io.jrunc.ports.model.DeviceProgramSwap;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountInfo;
import io.jrunc.ports.model.SyscallException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Cgroups#attachDeviceProgram} on the real kernel, written once for both native backends: a throwaway
 * cgroup of the unified hierarchy gets device programs written here by hand (the compiler is the domain's and
 * is tested there; the programs' effect on a real process is checked in the CLI's tests).
 */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class DeviceProgramRootContract {
    private static final List<BpfInstruction> ALLOW_ALL = List.of(
            new BpfInstruction(0xb4, 0, 0, (short) 0, 1), new BpfInstruction(0x95, 0, 0, (short) 0, 0));
    /** r0 is never set: the verifier refuses it ("R0 !read_ok"). */
    private static final List<BpfInstruction> UNSET_RESULT = List.of(new BpfInstruction(0x95, 0, 0, (short) 0, 0));

    private final String path = "jrunc-bpf-test-" + UUID.randomUUID();
    private Cgroups cgroups;
    private String directory;

    protected abstract Cgroups cgroups();

    /** The backend's bpf(2) calls, to ask what is attached. */
    protected abstract DeviceProgramSwap.Bpf bpf();

    /** The ids of the programs attached directly to the cgroup at this host path (BPF_PROG_QUERY). */
    private List<Long> attachedIds(String cgroupDirectory) {
        DeviceProgramSwap.Bpf bpf = bpf();
        int fd = bpf.openDirectory(cgroupDirectory);
        try {
            DeviceProgramSwap.Attached attached = bpf.query(fd, 64, "BPF_PROG_QUERY " + cgroupDirectory);
            assertEquals(attached.count(), attached.ids().size(), "more programs attached than the test expects");
            return attached.ids();
        } finally {
            bpf.closeQuietly(fd);
        }
    }

    @BeforeEach
    void aCgroupOfTheUnifiedHierarchy() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        cgroups = cgroups();
        assumeTrue(cgroups.hierarchies().contains(""), "no cgroup2 hierarchy");
        cgroups.create("", path);
        directory = MountInfo.parse(Files.readString(Path.of("/proc/self/mountinfo"))).stream()
                .filter(m -> m.fstype().equals("cgroup2")).map(MountInfo::mountPoint).findFirst().orElseThrow()
                + "/" + path;
    }

    @AfterEach
    void removeIt() {
        if (directory != null) {
            cgroups.remove("", path);
        }
    }

    @Test
    void aSecondProgramReplacesTheFirstAndNoFdIsLeft() {
        int fdsBefore = openFds();
        cgroups.attachDeviceProgram(path, ALLOW_ALL);
        List<Long> first = attached();
        assertEquals(1, first.size(), "one program after the first attach");

        cgroups.attachDeviceProgram(path, ALLOW_ALL);
        List<Long> second = attached();
        assertEquals(1, second.size(), "the old program is detached: " + second);
        assertNotEquals(first, second, "a new program replaced it");
        assertEquals(fdsBefore, openFds(), "every fd opened for bpf is closed");
    }

    @Test
    void aProgramTheVerifierRefusesFailsWithItsLogAndChangesNothing() {
        cgroups.attachDeviceProgram(path, ALLOW_ALL);
        List<Long> before = attached();
        int fdsBefore = openFds();
        SyscallException e = assertThrows(SyscallException.class,
                () -> cgroups.attachDeviceProgram(path, UNSET_RESULT));
        assertEquals("bpf", e.syscall());
        assertEquals(Errno.EACCES, e.errno(), e.getMessage());
        assertTrue(e.detail().startsWith("BPF_PROG_LOAD " + directory), e.detail());
        assertTrue(e.detail().contains("verifier log: ") && e.detail().contains("R0"), e.detail());
        assertEquals(before, attached(), "the program attached before stays");
        assertEquals(fdsBefore, openFds());
    }

    @Test
    void aMissingCgroupIsENOENT() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> cgroups.attachDeviceProgram(path + "/no-such-child", ALLOW_ALL));
        assertEquals("open", e.syscall());
        assertEquals(Errno.ENOENT, e.errno());
    }

    private List<Long> attached() {
        return new ArrayList<>(attachedIds(directory));
    }

    /**
     * The fds this code could leave open: bpf objects and the cgroup's directory. Not every fd of the test JVM,
     * whose other threads open and close files of their own meanwhile (a jar opened to load a class, say).
     */
    private int openFds() {
        String[] entries = new File("/proc/self/fd").list();
        if (entries == null) {
            return -1;
        }
        int count = 0;
        for (String fd : entries) {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString();
                if (target.startsWith("anon_inode:bpf") || target.equals(directory)) {
                    count++;
                }
            } catch (IOException e) {
                // closed while listed
            }
        }
        return count;
    }
}

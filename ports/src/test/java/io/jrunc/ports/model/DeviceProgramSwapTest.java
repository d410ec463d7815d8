package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The swap's steps over scripted bpf(2) calls; the real calls are the root contract's (DeviceProgramRootContract). */
class DeviceProgramSwapTest {
    private static final List<BpfInstruction> PROGRAM = List.of(new BpfInstruction(0xb4, 0, 0, (short) 0, 1),
            new BpfInstruction(0x95, 0, 0, (short) 0, 0));

    /** A cgroup with programs attached by id; fds from 10 up; every call journaled. */
    private static class ScriptedBpf implements DeviceProgramSwap.Bpf {
        final List<String> calls = new ArrayList<>();
        final List<Long> attached = new ArrayList<>();
        final Map<Long, Errno> refusedIds = new HashMap<>();
        final List<Integer> open = new ArrayList<>();
        String verifierLog;
        private int nextFd = 10;

        private int fd() {
            open.add(nextFd);
            return nextFd++;
        }

        @Override
        public int openDirectory(String directory) {
            calls.add("open " + directory);
            return fd();
        }

        @Override
        public DeviceProgramSwap.Attached query(int cgroup, int capacity, String detail) {
            calls.add("query " + capacity);
            if (attached.size() > capacity) {
                return new DeviceProgramSwap.Attached(List.of(), attached.size());
            }
            return new DeviceProgramSwap.Attached(attached, attached.size());
        }

        @Override
        public int programById(long id, String detail) {
            calls.add("get " + id);
            Errno refused = refusedIds.get(id);
            if (refused != null) {
                throw new SyscallException("bpf", refused, detail);
            }
            return fd();
        }

        @Override
        public int load(byte[] instructions, int count, byte[] log, String detail) {
            calls.add("load " + count + (log == null ? "" : " logged"));
            if (verifierLog != null) {
                if (log != null) {
                    byte[] text = verifierLog.getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(text, 0, log, 0, text.length);
                }
                throw new SyscallException("bpf", Errno.EACCES, detail);
            }
            return fd();
        }

        @Override
        public void attach(int cgroup, int program, String detail) {
            calls.add("attach " + program);
        }

        @Override
        public void detach(int cgroup, int program, String detail) {
            calls.add("detach " + program);
        }

        @Override
        public void closeQuietly(int fd) {
            open.remove(Integer.valueOf(fd));
        }
    }

    @Test
    void theNewProgramIsAttachedBeforeTheOldOnesGoAndEveryFdIsClosed() {
        ScriptedBpf bpf = new ScriptedBpf();
        bpf.attached.addAll(List.of(7L, 8L));
        DeviceProgramSwap.attach(bpf, "/sys/fs/cgroup/c1", PROGRAM);
        assertEquals(List.of("open /sys/fs/cgroup/c1", "query 64", "get 7", "get 8", "load 2", "attach 13",
                "detach 11", "detach 12"), bpf.calls);
        assertEquals(List.of(), bpf.open);
    }

    @Test
    void aProgramGoneOrShieldedSinceTheQueryIsLeftAlone() {
        ScriptedBpf bpf = new ScriptedBpf();
        bpf.attached.addAll(List.of(7L, 8L, 9L));
        bpf.refusedIds.put(7L, Errno.ENOENT);
        bpf.refusedIds.put(8L, Errno.EPERM);
        DeviceProgramSwap.attach(bpf, "/c", PROGRAM);
        assertEquals(List.of("detach 11"), bpf.calls.stream().filter(c -> c.startsWith("detach")).toList());
        assertEquals(List.of(), bpf.open);
    }

    @Test
    void anyOtherRefusalOfAnOldProgramFailsAndClosesWhatWasOpened() {
        ScriptedBpf bpf = new ScriptedBpf();
        bpf.attached.addAll(List.of(7L, 8L));
        bpf.refusedIds.put(8L, Errno.EINVAL);
        SyscallException e = assertThrows(SyscallException.class, () -> DeviceProgramSwap.attach(bpf, "/c", PROGRAM));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(List.of(), bpf.open);
    }

    @Test
    void moreProgramsThanRoomAskAgainWithTheKernelsCount() {
        ScriptedBpf bpf = new ScriptedBpf();
        for (long id = 1; id <= 100; id++) {
            bpf.attached.add(id);
        }
        DeviceProgramSwap.attach(bpf, "/c", PROGRAM);
        assertEquals(List.of("query 64", "query 128"), bpf.calls.stream().filter(c -> c.startsWith("query")).toList());
        assertEquals(100, bpf.calls.stream().filter(c -> c.startsWith("detach")).count());
    }

    @Test
    void programsAddedWithoutEndAreENOSPC() {
        // One more program each time it is asked: the count never fits.
        ScriptedBpf growing = new ScriptedBpf() {
            @Override
            public DeviceProgramSwap.Attached query(int cgroup, int capacity, String detail) {
                calls.add("query " + capacity);
                return new DeviceProgramSwap.Attached(List.of(), capacity + 1);
            }
        };
        SyscallException e = assertThrows(SyscallException.class, () -> DeviceProgramSwap.attach(growing, "/c", PROGRAM));
        assertEquals(Errno.ENOSPC, e.errno());
        assertEquals(10, growing.calls.stream().filter(c -> c.startsWith("query")).count());
        assertEquals(List.of(), growing.open);
    }

    @Test
    void aRefusedProgramIsReportedWithTheVerifiersLogAndNothingIsDetached() {
        ScriptedBpf bpf = new ScriptedBpf();
        bpf.attached.add(7L);
        bpf.verifierLog = "0: (95) exit\nR0 !read_ok";
        SyscallException e = assertThrows(SyscallException.class, () -> DeviceProgramSwap.attach(bpf, "/c", PROGRAM));
        assertEquals(Errno.EACCES, e.errno());
        assertTrue(e.getMessage().contains("BPF_PROG_LOAD /c: verifier log: 0: (95) exit\nR0 !read_ok"), e.getMessage());
        assertEquals(List.of("load 2", "load 2 logged"), bpf.calls.stream().filter(c -> c.startsWith("load")).toList());
        assertTrue(bpf.calls.stream().noneMatch(c -> c.startsWith("detach") || c.startsWith("attach")), bpf.calls.toString());
        assertEquals(List.of(), bpf.open);
    }

    @Test
    void instructionsAreEncodedAsStructBpfInsn() {
        byte[] bytes = BpfInstruction.encode(List.of(new BpfInstruction(0x61, 2, 1, (short) -2, 0x01020304)));
        assertArrayEquals(new byte[] {0x61, 0x12, (byte) 0xfe, (byte) 0xff, 0x04, 0x03, 0x02, 0x01}, bytes);
    }
}

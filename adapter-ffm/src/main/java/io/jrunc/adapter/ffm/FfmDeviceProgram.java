package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.model.BpfInstruction;
import io.jrunc.ports.model.DeviceProgramSwap;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** bpf(2) through FFM, for the device program swap that both native backends share ({@link DeviceProgramSwap}). */
final class FfmDeviceProgram implements DeviceProgramSwap.Bpf {
    // linux/bpf.h
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_DETACH = 9;
    private static final int BPF_PROG_GET_FD_BY_ID = 13;
    private static final int BPF_PROG_QUERY = 16;
    private static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    private static final int BPF_CGROUP_DEVICE = 6;
    private static final int BPF_F_ALLOW_MULTI = 2;
    /** Larger than any bpf_attr member we use; the kernel checks that what it does not know is zero. */
    private static final int ATTR_SIZE = 128;
    private static final long SYS_BPF = FfmLibc.sysno(321, 280);
    private static final int O_DIRECTORY = FfmLibc.isAarch64() ? 040000 : 0200000;

    FfmDeviceProgram() {
    }

    static void attach(String directory, List<BpfInstruction> program) {
        DeviceProgramSwap.attach(new FfmDeviceProgram(), directory, program);
    }

    @Override
    public int openDirectory(String directory) {
        return FfmLibc.retryingOnEintr(() -> FfmLibc.open(directory, O_DIRECTORY | FfmLibc.O_RDONLY | FfmLibc.O_CLOEXEC, 0));
    }

    @Override
    public DeviceProgramSwap.Attached query(int cgroup, int capacity, String detail) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ids = arena.allocate(JAVA_INT, capacity);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8); // zeroed
            attr.set(JAVA_INT, 0, cgroup);
            attr.set(JAVA_INT, 4, BPF_CGROUP_DEVICE);
            attr.set(JAVA_LONG, 16, ids.address());
            attr.set(JAVA_INT, 24, capacity);
            try {
                syscall(BPF_PROG_QUERY, attr, detail);
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOSPC) { // prog_cnt now says how many there are
                    return new DeviceProgramSwap.Attached(List.of(), attr.get(JAVA_INT, 24));
                }
                throw e;
            }
            int count = attr.get(JAVA_INT, 24);
            List<Long> result = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                result.add(Integer.toUnsignedLong(ids.getAtIndex(JAVA_INT, i)));
            }
            return new DeviceProgramSwap.Attached(result, count);
        }
    }

    @Override
    public int programById(long id, String detail) {
        return (int) bpf(BPF_PROG_GET_FD_BY_ID, detail, attr -> attr.set(JAVA_INT, 0, (int) id));
    }

    @Override
    public int load(byte[] instructions, int count, byte[] log, String detail) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment insns = arena.allocate(Math.max(8, instructions.length), 8);
            MemorySegment.copy(instructions, 0, insns, JAVA_BYTE, 0, instructions.length);
            MemorySegment license = arena.allocateFrom("Apache", StandardCharsets.US_ASCII);
            MemorySegment logBuffer = log == null ? MemorySegment.NULL : arena.allocate(log.length);
            try {
                return (int) bpf(BPF_PROG_LOAD, detail, attr -> {
                    attr.set(JAVA_INT, 0, BPF_PROG_TYPE_CGROUP_DEVICE);
                    attr.set(JAVA_INT, 4, count);
                    attr.set(JAVA_LONG, 8, insns.address());
                    attr.set(JAVA_LONG, 16, license.address());
                    if (log != null) {
                        attr.set(JAVA_INT, 24, 1); // log_level
                        attr.set(JAVA_INT, 28, log.length);
                        attr.set(JAVA_LONG, 32, logBuffer.address());
                    }
                });
            } finally {
                if (log != null) {
                    MemorySegment.copy(logBuffer, JAVA_BYTE, 0, log, 0, log.length);
                }
            }
        }
    }

    @Override
    public void attach(int cgroup, int program, String detail) {
        bpf(BPF_PROG_ATTACH, detail, attr -> {
            attr.set(JAVA_INT, 0, cgroup);
            attr.set(JAVA_INT, 4, program);
            attr.set(JAVA_INT, 8, BPF_CGROUP_DEVICE);
            attr.set(JAVA_INT, 12, BPF_F_ALLOW_MULTI);
        });
    }

    @Override
    public void detach(int cgroup, int program, String detail) {
        bpf(BPF_PROG_DETACH, detail, attr -> {
            attr.set(JAVA_INT, 0, cgroup);
            attr.set(JAVA_INT, 4, program);
            attr.set(JAVA_INT, 8, BPF_CGROUP_DEVICE);
        });
    }

    @Override
    public void closeQuietly(int fd) {
        try {
            FfmLibc.close(fd);
        } catch (SyscallException ignored) {
            // the fd is gone either way on Linux; retrying could close someone else's
        }
    }

    private static long bpf(int command, String detail, Consumer<MemorySegment> writer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            writer.accept(attr);
            return syscall(command, attr, detail);
        }
    }

    private static long syscall(int command, MemorySegment attr, String detail) {
        return FfmLibc.syscall("bpf", detail, SYS_BPF, command, attr.address(), ATTR_SIZE);
    }
}

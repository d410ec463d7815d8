package io.jrunc.adapter.jna;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jrunc.ports.model.BpfInstruction;
import io.jrunc.ports.model.DeviceProgramSwap;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** bpf(2) through JNA, for the device program swap that both native backends share ({@link DeviceProgramSwap}). */
final class JnaDeviceProgram implements DeviceProgramSwap.Bpf {
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
    private static final byte[] LICENSE = "Apache\0".getBytes(StandardCharsets.US_ASCII);

    private static final boolean AARCH64 = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)
            .matches("aarch64|arm64");
    private static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;

    JnaDeviceProgram() {
    }

    static void attach(String directory, List<BpfInstruction> program) {
        DeviceProgramSwap.attach(new JnaDeviceProgram(), directory, program);
    }

    @Override
    public int openDirectory(String directory) {
        return JnaFileIo.open(directory, O_DIRECTORY | JnaLibc.O_RDONLY, 0);
    }

    @Override
    public DeviceProgramSwap.Attached query(int cgroup, int capacity, String detail) {
        Memory ids = new Memory(4L * capacity);
        Memory attr = zeroed(ATTR_SIZE);
        attr.setInt(0, cgroup);
        attr.setInt(4, BPF_CGROUP_DEVICE);
        attr.setLong(16, Pointer.nativeValue(ids));
        attr.setInt(24, capacity);
        try {
            syscall(BPF_PROG_QUERY, attr, detail);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOSPC) { // prog_cnt now says how many there are
                return new DeviceProgramSwap.Attached(List.of(), attr.getInt(24));
            }
            throw e;
        } finally {
            Reference.reachabilityFence(ids);
        }
        int count = attr.getInt(24);
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(Integer.toUnsignedLong(ids.getInt(4L * i)));
        }
        return new DeviceProgramSwap.Attached(result, count);
    }

    @Override
    public int programById(long id, String detail) {
        Memory attr = zeroed(ATTR_SIZE);
        attr.setInt(0, (int) id);
        return (int) syscall(BPF_PROG_GET_FD_BY_ID, attr, detail);
    }

    @Override
    public int load(byte[] instructions, int count, byte[] log, String detail) {
        Memory insns = zeroed(Math.max(8, instructions.length));
        insns.write(0, instructions, 0, instructions.length);
        Memory license = new Memory(LICENSE.length);
        license.write(0, LICENSE, 0, LICENSE.length);
        Memory logBuffer = log == null ? null : zeroed(log.length);
        Memory attr = zeroed(ATTR_SIZE);
        attr.setInt(0, BPF_PROG_TYPE_CGROUP_DEVICE);
        attr.setInt(4, count);
        attr.setLong(8, Pointer.nativeValue(insns));
        attr.setLong(16, Pointer.nativeValue(license));
        if (logBuffer != null) {
            attr.setInt(24, 1); // log_level
            attr.setInt(28, log.length);
            attr.setLong(32, Pointer.nativeValue(logBuffer));
        }
        try {
            return (int) syscall(BPF_PROG_LOAD, attr, detail);
        } finally {
            if (logBuffer != null) {
                logBuffer.read(0, log, 0, log.length);
            }
            // the kernel reads them through raw addresses: keep them from being freed before it has
            Reference.reachabilityFence(insns);
            Reference.reachabilityFence(license);
            Reference.reachabilityFence(logBuffer);
        }
    }

    @Override
    public void attach(int cgroup, int program, String detail) {
        Memory attr = zeroed(ATTR_SIZE);
        attr.setInt(0, cgroup);
        attr.setInt(4, program);
        attr.setInt(8, BPF_CGROUP_DEVICE);
        attr.setInt(12, BPF_F_ALLOW_MULTI);
        syscall(BPF_PROG_ATTACH, attr, detail);
    }

    @Override
    public void detach(int cgroup, int program, String detail) {
        Memory attr = zeroed(ATTR_SIZE);
        attr.setInt(0, cgroup);
        attr.setInt(4, program);
        attr.setInt(8, BPF_CGROUP_DEVICE);
        syscall(BPF_PROG_DETACH, attr, detail);
    }

    @Override
    public void closeQuietly(int fd) {
        JnaFileIo.closeQuietly(fd);
    }

    private static long syscall(int command, Memory attr, String detail) {
        long number = JnaSyscallNumbers.BPF.number();
        try {
            return JnaCheck.callLong("bpf", detail, () -> INSTANCE.syscall(number, command, Pointer.nativeValue(attr),
                    ATTR_SIZE));
        } finally {
            Reference.reachabilityFence(attr);
        }
    }

    private static Memory zeroed(long size) {
        Memory memory = new Memory(size);
        memory.clear();
        return memory;
    }
}

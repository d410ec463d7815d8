package io.jrunc.adapter.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jrunc.ports.model.BpfInstruction;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

/**
 * A cgroup v2 device program: loaded with bpf(BPF_PROG_LOAD), attached to the cgroup's directory with
 * BPF_F_ALLOW_MULTI, and the device programs attached to that cgroup before are then detached, as runc does on
 * update (the window in between has both, which only restricts more). Every fd opened here is closed.
 */
final class JnaDeviceProgram {
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
    private static final int LOG_SIZE = 1 << 16;
    private static final int MAX_ATTACHED = 64;
    private static final byte[] LICENSE = "Apache\0".getBytes(StandardCharsets.US_ASCII);

    private static final boolean AARCH64 = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)
            .matches("aarch64|arm64");
    private static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;

    private JnaDeviceProgram() {
    }

    static void attach(String directory, List<BpfInstruction> program) {
        int cgroup = JnaFileIo.open(directory, O_DIRECTORY | JnaLibc.O_RDONLY, 0);
        List<Integer> fds = new ArrayList<>();
        try {
            List<Integer> old = attachedPrograms(cgroup, directory, fds);
            int loaded = load(program, directory);
            fds.add(loaded);
            bpf(BPF_PROG_ATTACH, "BPF_PROG_ATTACH " + directory, attr -> {
                attr.setInt(0, cgroup);
                attr.setInt(4, loaded);
                attr.setInt(8, BPF_CGROUP_DEVICE);
                attr.setInt(12, BPF_F_ALLOW_MULTI);
            });
            for (int fd : old) {
                bpf(BPF_PROG_DETACH, "BPF_PROG_DETACH " + directory, attr -> {
                    attr.setInt(0, cgroup);
                    attr.setInt(4, fd);
                    attr.setInt(8, BPF_CGROUP_DEVICE);
                });
            }
        } finally {
            fds.forEach(JnaFileIo::closeQuietly);
            JnaFileIo.closeQuietly(cgroup);
        }
    }

    /** The ids attached directly to the cgroup now, as fds (added to {@code fds} to be closed by the caller). */
    static List<Integer> attachedPrograms(int cgroup, String directory, List<Integer> fds) {
        List<Integer> result = new ArrayList<>();
        for (long id : attachedIds(cgroup, directory)) {
            try {
                int fd = (int) bpf(BPF_PROG_GET_FD_BY_ID, "BPF_PROG_GET_FD_BY_ID " + id,
                        attr -> attr.setInt(0, (int) id));
                fds.add(fd);
                result.add(fd);
            } catch (SyscallException e) {
                // Gone since the query, or shielded from us by an LSM (as systemd's may be): not ours to replace.
                if (e.errno() != Errno.ENOENT && e.errno() != Errno.EPERM && e.errno() != Errno.EACCES) {
                    throw e;
                }
            }
        }
        return result;
    }

    /** BPF_PROG_QUERY without BPF_F_QUERY_EFFECTIVE: the programs of this cgroup, not its ancestors'. */
    static List<Long> attachedIds(int cgroup, String directory) {
        int capacity = MAX_ATTACHED;
        for (int attempt = 0; attempt < 10; attempt++) {
            Memory ids = new Memory(4L * capacity);
            Memory attr = zeroed(ATTR_SIZE);
            attr.setInt(0, cgroup);
            attr.setInt(4, BPF_CGROUP_DEVICE);
            attr.setLong(16, Pointer.nativeValue(ids));
            attr.setInt(24, capacity);
            try {
                syscall(BPF_PROG_QUERY, attr, "BPF_PROG_QUERY " + directory);
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOSPC) { // more attached than we had room for; prog_cnt says how many
                    capacity = Math.max(capacity * 2, attr.getInt(24));
                    continue;
                }
                throw e;
            }
            List<Long> result = new ArrayList<>();
            Reference.reachabilityFence(ids);
            for (int i = 0; i < attr.getInt(24); i++) {
                result.add(Integer.toUnsignedLong(ids.getInt(4L * i)));
            }
            return result;
        }
        throw new SyscallException("bpf", Errno.ENOSPC, "BPF_PROG_QUERY " + directory + ": programs keep being added");
    }

    /** Loads quietly first; on a refusal loads again with the verifier's log, so the error can say why. */
    static int load(List<BpfInstruction> program, String directory) {
        Memory insns = encode(program);
        Memory license = new Memory(LICENSE.length);
        license.write(0, LICENSE, 0, LICENSE.length);
        try {
            return (int) bpf(BPF_PROG_LOAD, "BPF_PROG_LOAD " + directory, attr -> loadAttr(attr, insns, program.size(), license));
        } catch (SyscallException quiet) {
            throw withVerifierLog(quiet, insns, program.size(), license, directory);
        } finally {
            // the kernel reads them through raw addresses: keep them from being freed before it has
            Reference.reachabilityFence(insns);
            Reference.reachabilityFence(license);
        }
    }

    private static SyscallException withVerifierLog(SyscallException quiet, Memory insns, int count,
                                                    Memory license, String directory) {
        Memory log = zeroed(LOG_SIZE);
        try {
            int fd = (int) bpf(BPF_PROG_LOAD, "BPF_PROG_LOAD " + directory, attr -> {
                loadAttr(attr, insns, count, license);
                attr.setInt(24, 1); // log_level
                attr.setInt(28, LOG_SIZE);
                attr.setLong(32, Pointer.nativeValue(log));
            });
            JnaFileIo.closeQuietly(fd); // loaded when logged: nothing to report, keep the first error
        } catch (SyscallException ignored) {
            // the first error is the one to report, now with the log
        }
        String text = log.getString(0, StandardCharsets.UTF_8.name()).trim();
        return new SyscallException("bpf", quiet.code(),
                "BPF_PROG_LOAD " + directory + (text.isEmpty() ? "" : ": verifier log: " + text));
    }

    private static void loadAttr(Memory attr, Memory insns, int count, Memory license) {
        attr.setInt(0, BPF_PROG_TYPE_CGROUP_DEVICE);
        attr.setInt(4, count);
        attr.setLong(8, Pointer.nativeValue(insns));
        attr.setLong(16, Pointer.nativeValue(license));
    }

    /** struct bpf_insn: u8 code, u8 dst_reg:4 src_reg:4 (dst in the low nibble), s16 off, s32 imm. */
    static Memory encode(List<BpfInstruction> program) {
        Memory out = zeroed(8L * Math.max(1, program.size()));
        for (int i = 0; i < program.size(); i++) {
            BpfInstruction insn = program.get(i);
            long at = 8L * i;
            out.setByte(at, (byte) insn.code());
            out.setByte(at + 1, (byte) ((insn.src() << 4) | insn.dst()));
            out.setShort(at + 2, insn.offset());
            out.setInt(at + 4, insn.imm());
        }
        return out;
    }

    private interface AttrWriter {
        void write(Memory attr);
    }

    private static long bpf(int command, String detail, AttrWriter writer) {
        Memory attr = zeroed(ATTR_SIZE);
        writer.write(attr);
        try {
            return syscall(command, attr, detail);
        } finally {
            Reference.reachabilityFence(attr);
        }
    }

    private static long syscall(int command, Memory attr, String detail) {
        long number = JnaSyscallNumbers.BPF.number();
        return JnaCheck.callLong("bpf", detail, () -> INSTANCE.syscall(number, command, Pointer.nativeValue(attr),
                ATTR_SIZE));
    }

    private static Memory zeroed(long size) {
        Memory memory = new Memory(size);
        memory.clear();
        return memory;
    }
}

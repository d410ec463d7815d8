package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.ports.model.BpfInstruction;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A cgroup v2 device program: loaded with bpf(BPF_PROG_LOAD), attached to the cgroup's directory with
 * BPF_F_ALLOW_MULTI, and the device programs attached to that cgroup before are then detached, as runc does on
 * update (the window in between has both, which only restricts more). Every fd opened here is closed.
 */
final class FfmDeviceProgram {
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
    private static final long SYS_BPF = FfmLibc.isAarch64() ? 280 : 321;
    private static final int O_DIRECTORY = FfmLibc.isAarch64() ? 040000 : 0200000;

    private FfmDeviceProgram() {
    }

    static void attach(String directory, List<BpfInstruction> program) {
        int cgroup = FfmLibc.retryingOnEintr(() -> FfmLibc.open(directory,
                O_DIRECTORY | FfmLibc.O_RDONLY | FfmLibc.O_CLOEXEC, 0));
        List<Integer> fds = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            List<Integer> old = attachedPrograms(cgroup, directory, fds);
            int loaded = load(arena, program, directory);
            fds.add(loaded);
            bpf(BPF_PROG_ATTACH, "BPF_PROG_ATTACH " + directory, attr -> {
                attr.set(JAVA_INT, 0, cgroup);
                attr.set(JAVA_INT, 4, loaded);
                attr.set(JAVA_INT, 8, BPF_CGROUP_DEVICE);
                attr.set(JAVA_INT, 12, BPF_F_ALLOW_MULTI);
            });
            for (int fd : old) {
                bpf(BPF_PROG_DETACH, "BPF_PROG_DETACH " + directory, attr -> {
                    attr.set(JAVA_INT, 0, cgroup);
                    attr.set(JAVA_INT, 4, fd);
                    attr.set(JAVA_INT, 8, BPF_CGROUP_DEVICE);
                });
            }
        } finally {
            fds.forEach(FfmDeviceProgram::closeQuietly);
            closeQuietly(cgroup);
        }
    }

    /** The programs attached directly to the cgroup now, as fds (added to {@code fds} to be closed by the caller). */
    static List<Integer> attachedPrograms(int cgroup, String directory, List<Integer> fds) {
        List<Integer> result = new ArrayList<>();
        for (long id : attachedIds(cgroup, directory)) {
            try {
                int fd = (int) bpf(BPF_PROG_GET_FD_BY_ID, "BPF_PROG_GET_FD_BY_ID " + id,
                        attr -> attr.set(JAVA_INT, 0, (int) id));
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
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ids = arena.allocate(JAVA_INT, capacity);
                MemorySegment attr = arena.allocate(ATTR_SIZE, 8); // zeroed
                attr.set(JAVA_INT, 0, cgroup);
                attr.set(JAVA_INT, 4, BPF_CGROUP_DEVICE);
                attr.set(JAVA_LONG, 16, ids.address());
                attr.set(JAVA_INT, 24, capacity);
                try {
                    syscall(BPF_PROG_QUERY, attr, "BPF_PROG_QUERY " + directory);
                } catch (SyscallException e) {
                    if (e.errno() == Errno.ENOSPC) { // more attached than we had room for; prog_cnt says how many
                        capacity = Math.max(capacity * 2, attr.get(JAVA_INT, 24));
                        continue;
                    }
                    throw e;
                }
                List<Long> result = new ArrayList<>();
                for (int i = 0; i < attr.get(JAVA_INT, 24); i++) {
                    result.add(Integer.toUnsignedLong(ids.getAtIndex(JAVA_INT, i)));
                }
                return result;
            }
        }
        throw new SyscallException("bpf", Errno.ENOSPC, "BPF_PROG_QUERY " + directory + ": programs keep being added");
    }

    /** Loads quietly first; on a refusal loads again with the verifier's log, so the error can say why. */
    static int load(Arena arena, List<BpfInstruction> program, String directory) {
        MemorySegment insns = encode(arena, program);
        MemorySegment license = arena.allocateFrom("Apache", StandardCharsets.US_ASCII);
        try {
            return (int) bpf(BPF_PROG_LOAD, "BPF_PROG_LOAD " + directory,
                    attr -> loadAttr(attr, insns, program.size(), license));
        } catch (SyscallException quiet) {
            MemorySegment log = arena.allocate(LOG_SIZE);
            try {
                int fd = (int) bpf(BPF_PROG_LOAD, "BPF_PROG_LOAD " + directory, attr -> {
                    loadAttr(attr, insns, program.size(), license);
                    attr.set(JAVA_INT, 24, 1); // log_level
                    attr.set(JAVA_INT, 28, LOG_SIZE);
                    attr.set(JAVA_LONG, 32, log.address());
                });
                closeQuietly(fd); // loaded when logged: nothing to report, keep the first error
            } catch (SyscallException ignored) {
                // the first error is the one to report, now with the log
            }
            String text = log.getString(0, StandardCharsets.UTF_8).trim();
            throw new SyscallException("bpf", quiet.code(),
                    "BPF_PROG_LOAD " + directory + (text.isEmpty() ? "" : ": verifier log: " + text));
        }
    }

    private static void loadAttr(MemorySegment attr, MemorySegment insns, int count, MemorySegment license) {
        attr.set(JAVA_INT, 0, BPF_PROG_TYPE_CGROUP_DEVICE);
        attr.set(JAVA_INT, 4, count);
        attr.set(JAVA_LONG, 8, insns.address());
        attr.set(JAVA_LONG, 16, license.address());
    }

    /** struct bpf_insn: u8 code, u8 dst_reg:4 src_reg:4 (dst in the low nibble), s16 off, s32 imm. */
    static MemorySegment encode(Arena arena, List<BpfInstruction> program) {
        MemorySegment out = arena.allocate(8L * Math.max(1, program.size()), 8);
        for (int i = 0; i < program.size(); i++) {
            BpfInstruction insn = program.get(i);
            long at = 8L * i;
            out.set(JAVA_BYTE, at, (byte) insn.code());
            out.set(JAVA_BYTE, at + 1, (byte) ((insn.src() << 4) | insn.dst()));
            out.set(JAVA_SHORT, at + 2, insn.offset());
            out.set(JAVA_INT, at + 4, insn.imm());
        }
        return out;
    }

    private static long bpf(int command, String detail, Consumer<MemorySegment> writer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            writer.accept(attr);
            return syscall(command, attr, detail);
        }
    }

    private static long syscall(int command, MemorySegment attr, String detail) {
        return FfmLibc.syscall("bpf", SYS_BPF, command, attr.address(), ATTR_SIZE, detail);
    }

    private static void closeQuietly(int fd) {
        try {
            FfmLibc.close(fd);
        } catch (SyscallException ignored) {
            // the fd is gone either way on Linux; retrying could close someone else's
        }
    }
}

package io.jrunc.ports.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Replacing a cgroup v2 device program, as runc does on create and update: the new program is loaded and attached
 * with BPF_F_ALLOW_MULTI, then the device programs attached to that cgroup before are detached (the window in
 * between has both, which only restricts more). Every fd opened is closed. Both native backends run these steps;
 * each supplies only the bpf(2) calls, in its own memory API.
 */
public final class DeviceProgramSwap {
    private static final int MAX_ATTACHED = 64;
    private static final int LOG_SIZE = 1 << 16;

    /** The bpf(2) commands the swap needs, each throwing {@link SyscallException} with the given detail. */
    public interface Bpf {
        /** The cgroup's directory, O_DIRECTORY|O_RDONLY|O_CLOEXEC. */
        int openDirectory(String directory);

        /**
         * BPF_PROG_QUERY for BPF_CGROUP_DEVICE without BPF_F_QUERY_EFFECTIVE (this cgroup's programs, not its
         * ancestors'), with room for {@code capacity} ids; when more are attached (ENOSPC), no ids and the
         * kernel's count.
         */
        Attached query(int cgroup, int capacity, String detail);

        /** BPF_PROG_GET_FD_BY_ID. */
        int programById(long id, String detail);

        /**
         * BPF_PROG_LOAD of a BPF_PROG_TYPE_CGROUP_DEVICE program; with a {@code log}, at log_level 1 into it
         * (filled whether or not the load succeeds).
         */
        int load(byte[] instructions, int count, byte[] log, String detail);

        /** BPF_PROG_ATTACH to BPF_CGROUP_DEVICE with BPF_F_ALLOW_MULTI. */
        void attach(int cgroup, int program, String detail);

        /** BPF_PROG_DETACH from BPF_CGROUP_DEVICE. */
        void detach(int cgroup, int program, String detail);

        /** close(2), errors ignored: the fd is gone either way on Linux; retrying could close another's. */
        void closeQuietly(int fd);
    }

    /** What BPF_PROG_QUERY answered: the ids, and prog_cnt, the kernel's count of attached programs. */
    public record Attached(List<Long> ids, int count) {
        public Attached {
            ids = List.copyOf(ids);
        }

        boolean complete() {
            return ids.size() == count;
        }
    }

    private final Bpf bpf;
    private final String directory;
    private final List<Integer> fds = new ArrayList<>();

    private DeviceProgramSwap(Bpf bpf, String directory) {
        this.bpf = bpf;
        this.directory = directory;
    }

    public static void attach(Bpf bpf, String directory, List<BpfInstruction> program) {
        new DeviceProgramSwap(bpf, directory).replaceWith(program);
    }

    private void replaceWith(List<BpfInstruction> program) {
        int cgroup = bpf.openDirectory(directory);
        try {
            List<Integer> old = attachedPrograms(cgroup);
            int loaded = load(program);
            fds.add(loaded);
            bpf.attach(cgroup, loaded, "BPF_PROG_ATTACH " + directory);
            for (int fd : old) {
                bpf.detach(cgroup, fd, "BPF_PROG_DETACH " + directory);
            }
        } finally {
            fds.forEach(bpf::closeQuietly);
            bpf.closeQuietly(cgroup);
        }
    }

    /** The programs attached directly to the cgroup now, as fds (kept in {@link #fds} to be closed). */
    private List<Integer> attachedPrograms(int cgroup) {
        List<Integer> result = new ArrayList<>();
        for (long id : attachedIds(cgroup)) {
            try {
                int fd = bpf.programById(id, "BPF_PROG_GET_FD_BY_ID " + id);
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

    private List<Long> attachedIds(int cgroup) {
        int capacity = MAX_ATTACHED;
        for (int attempt = 0; attempt < 10; attempt++) {
            Attached attached = bpf.query(cgroup, capacity, "BPF_PROG_QUERY " + directory);
            if (attached.complete()) {
                return attached.ids();
            }
            // More attached than we had room for; the count says how many, unless more come meanwhile.
            capacity = Math.max(capacity * 2, attached.count());
        }
        throw new SyscallException("bpf", Errno.ENOSPC, "BPF_PROG_QUERY " + directory + ": programs keep being added");
    }

    /** Loads quietly first; on a refusal loads again with the verifier's log, so the error can say why. */
    private int load(List<BpfInstruction> program) {
        byte[] instructions = BpfInstruction.encode(program);
        String detail = "BPF_PROG_LOAD " + directory;
        try {
            return bpf.load(instructions, program.size(), null, detail);
        } catch (SyscallException quiet) {
            byte[] log = new byte[LOG_SIZE];
            try {
                // Loaded when logged: nothing to report, keep the first error.
                bpf.closeQuietly(bpf.load(instructions, program.size(), log, detail));
            } catch (SyscallException ignored) {
                // the first error is the one to report, now with the log
            }
            String text = cString(log).trim();
            throw new SyscallException("bpf", quiet.code(), detail + (text.isEmpty() ? "" : ": verifier log: " + text));
        }
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}

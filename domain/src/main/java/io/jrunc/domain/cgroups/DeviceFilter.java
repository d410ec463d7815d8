package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.DeviceRule;
import io.jrunc.ports.model.BpfInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Device rules compiled to the eBPF program cgroup v2 decides device access with (BPF_PROG_TYPE_CGROUP_DEVICE).
 *
 * <p>The rules are first reduced as the v1 controller reduces them ({@link DeviceAccessPolicy}), so both
 * hierarchies give the same answers. The program then checks each exception in turn and returns the
 * exception's verdict (the opposite of the default) on the first that matches, else the default:
 * <pre>
 *   r2 = ctx-&gt;access_type &amp; 0xffff   (BPF_DEVCG_DEV_BLOCK 1, CHAR 2)
 *   r3 = ctx-&gt;access_type &gt;&gt; 16      (BPF_DEVCG_ACC_MKNOD 1, READ 2, WRITE 4)
 *   r4 = ctx-&gt;major;  r5 = ctx-&gt;minor
 *   per exception: if r2 != type goto next; [access test]; [if r4 != major goto next]; [if r5 != minor goto next]
 *                  r0 = verdict; exit
 *   r0 = default; exit
 * </pre>
 * The access test differs with the default, as in the kernel's v1 matching: an allow exception must cover all
 * the access asked for ({@code (r3 & bits) == r3}), a deny exception refuses as soon as it covers any of it
 * ({@code (r3 & bits) != 0}; runc tests coverage of all here, which lets an O_RDWR open through a rule that
 * denies only writes).
 */
public final class DeviceFilter {
    // struct bpf_cgroup_dev_ctx { u32 access_type; u32 major; u32 minor; }
    private static final short ACCESS_TYPE = 0;
    private static final short MAJOR = 4;
    private static final short MINOR = 8;
    private static final int DEV_BLOCK = 1;
    private static final int DEV_CHAR = 2;

    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;
    private static final int R4 = 4;
    private static final int R5 = 5;

    private DeviceFilter() {
    }

    /**
     * The program for the rules, as given to {@code bpf(BPF_PROG_LOAD)}. Bad rules fail with a
     * {@link CgroupError} naming {@code linux.resources.devices[i]}, i being the rule's place in {@code rules}.
     */
    public static List<BpfInstruction> compile(List<DeviceRule> rules) {
        DeviceAccessPolicy policy = DeviceAccessPolicy.of(rules);
        List<BpfInstruction> program = new ArrayList<>();
        List<Map.Entry<DeviceAccessPolicy.Match, Integer>> exceptions = policy.orderedExceptions();
        if (!exceptions.isEmpty()) {
            program.add(Op.loadWord(R2, R1, ACCESS_TYPE));
            program.add(Op.and32(R2, 0xFFFF));
            program.add(Op.loadWord(R3, R1, ACCESS_TYPE));
            program.add(Op.shiftRight32(R3, 16));
            program.add(Op.loadWord(R4, R1, MAJOR));
            program.add(Op.loadWord(R5, R1, MINOR));
        }
        for (Map.Entry<DeviceAccessPolicy.Match, Integer> e : exceptions) {
            program.addAll(block(e.getKey(), e.getValue(), policy.defaultAllow()));
        }
        program.add(Op.move32(R0, policy.defaultAllow() ? 1 : 0));
        program.add(Op.exit());
        return List.copyOf(program);
    }

    /** One exception: its tests, each jumping past the block's end when they fail, then its verdict. */
    private static List<BpfInstruction> block(DeviceAccessPolicy.Match match, int access, boolean defaultAllow) {
        List<Test> tests = new ArrayList<>();
        tests.add(Test.equal(R2, match.block() ? DEV_BLOCK : DEV_CHAR));
        if (defaultAllow) {
            tests.add(Test.accessOverlaps(access));
        } else if (access != DeviceAccessPolicy.ALL_ACCESS) {
            tests.add(Test.accessWithin(access));
        }
        if (match.major() != DeviceAccessPolicy.WILDCARD) {
            tests.add(Test.equal(R4, match.major()));
        }
        if (match.minor() != DeviceAccessPolicy.WILDCARD) {
            tests.add(Test.equal(R5, match.minor()));
        }
        int length = 2 + tests.stream().mapToInt(t -> t.size).sum();
        List<BpfInstruction> out = new ArrayList<>();
        for (Test test : tests) {
            test.emit(out, length);
        }
        out.add(Op.move32(R0, defaultAllow ? 0 : 1));
        out.add(Op.exit());
        return out;
    }

    /** A check whose last instruction jumps to the end of its block (the next block) when it fails. */
    private static final class Test {
        final int size;
        private final Emitter emitter;

        private interface Emitter {
            void emit(List<BpfInstruction> out, int skip);
        }

        private Test(int size, Emitter emitter) {
            this.size = size;
            this.emitter = emitter;
        }

        void emit(List<BpfInstruction> out, int blockLength) {
            int jumpIndex = out.size() + size - 1;
            emitter.emit(out, blockLength - jumpIndex - 1);
        }

        /** reg == value; the register holds a zero-extended u32, so values of 2^31 and up go through r1. */
        static Test equal(int reg, long value) {
            if (value <= Integer.MAX_VALUE) {
                return new Test(1, (out, skip) -> out.add(Op.jumpIfNotEqual(reg, (int) value, skip)));
            }
            return new Test(2, (out, skip) -> {
                out.add(Op.move32(R1, (int) value)); // a 32-bit move zero-extends; a 64-bit compare would sign-extend
                out.add(Op.jumpIfNotEqualReg(reg, R1, skip));
            });
        }

        static Test accessWithin(int bits) {
            return new Test(3, (out, skip) -> {
                out.add(Op.moveReg32(R1, R3));
                out.add(Op.and32(R1, bits));
                out.add(Op.jumpIfNotEqualReg(R1, R3, skip));
            });
        }

        static Test accessOverlaps(int bits) {
            return new Test(3, (out, skip) -> {
                out.add(Op.moveReg32(R1, R3));
                out.add(Op.and32(R1, bits));
                out.add(Op.jumpIfEqual(R1, 0, skip));
            });
        }
    }

    /** The few encodings the filter uses (linux/bpf_common.h, linux/bpf.h). */
    static final class Op {
        static final int LDX_MEM_W = 0x61;  // BPF_LDX | BPF_MEM | BPF_W
        static final int ALU_AND_K = 0x54;  // BPF_ALU | BPF_AND | BPF_K (32-bit)
        static final int ALU_RSH_K = 0x74;  // BPF_ALU | BPF_RSH | BPF_K
        static final int ALU_MOV_K = 0xb4;  // BPF_ALU | BPF_MOV | BPF_K
        static final int ALU_MOV_X = 0xbc;  // BPF_ALU | BPF_MOV | BPF_X
        static final int JMP_JEQ_K = 0x15;  // BPF_JMP | BPF_JEQ | BPF_K
        static final int JMP_JNE_K = 0x55;  // BPF_JMP | BPF_JNE | BPF_K
        static final int JMP_JNE_X = 0x5d;  // BPF_JMP | BPF_JNE | BPF_X
        static final int JMP_EXIT = 0x95;   // BPF_JMP | BPF_EXIT

        private Op() {
        }

        static BpfInstruction loadWord(int dst, int src, short offset) {
            return new BpfInstruction(LDX_MEM_W, dst, src, offset, 0);
        }

        static BpfInstruction and32(int dst, int imm) {
            return new BpfInstruction(ALU_AND_K, dst, 0, (short) 0, imm);
        }

        static BpfInstruction shiftRight32(int dst, int imm) {
            return new BpfInstruction(ALU_RSH_K, dst, 0, (short) 0, imm);
        }

        static BpfInstruction move32(int dst, int imm) {
            return new BpfInstruction(ALU_MOV_K, dst, 0, (short) 0, imm);
        }

        static BpfInstruction moveReg32(int dst, int src) {
            return new BpfInstruction(ALU_MOV_X, dst, src, (short) 0, 0);
        }

        static BpfInstruction jumpIfEqual(int dst, int imm, int skip) {
            return new BpfInstruction(JMP_JEQ_K, dst, 0, offset(skip), imm);
        }

        static BpfInstruction jumpIfNotEqual(int dst, int imm, int skip) {
            return new BpfInstruction(JMP_JNE_K, dst, 0, offset(skip), imm);
        }

        static BpfInstruction jumpIfNotEqualReg(int dst, int src, int skip) {
            return new BpfInstruction(JMP_JNE_X, dst, src, offset(skip), 0);
        }

        static BpfInstruction exit() {
            return new BpfInstruction(JMP_EXIT, 0, 0, (short) 0, 0);
        }

        private static short offset(int skip) {
            if (skip < 0 || skip > Short.MAX_VALUE) {
                throw new IllegalStateException("jump out of range: " + skip);
            }
            return (short) skip;
        }
    }
}

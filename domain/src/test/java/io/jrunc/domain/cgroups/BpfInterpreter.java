package io.jrunc.domain.cgroups;

import io.jrunc.ports.model.BpfInstruction;
import java.util.List;

/**
 * Runs a cgroup device program the way the kernel would, for the instructions such a program needs: 32-bit
 * ALU ops with immediates or registers, 64-bit conditional jumps, 32-bit loads from the context, exit. Anything
 * else, a read of a register never written, a load outside {@code struct bpf_cgroup_dev_ctx} or a jump out of
 * the program fails the test, as the verifier would refuse the program.
 */
final class BpfInterpreter {
    private static final int CLASS_LDX = 0x01;
    private static final int CLASS_ALU = 0x04;
    private static final int CLASS_JMP = 0x05;
    private static final int CONTEXT = 1;
    private static final int CONTEXT_SIZE = 12;
    private static final int MAX_STEPS = 100_000;

    private BpfInterpreter() {
    }

    /** Checks what the kernel's verifier would check of its shape, without running it. */
    static void checkWellFormed(List<BpfInstruction> program) {
        if (program.isEmpty()) {
            throw new AssertionError("empty program");
        }
        if (program.get(program.size() - 1).code() != 0x95) {
            throw new AssertionError("program does not end in exit");
        }
        for (int pc = 0; pc < program.size(); pc++) {
            BpfInstruction insn = program.get(pc);
            if ((insn.code() & 0x07) == CLASS_JMP && insn.code() != 0x95) {
                int target = pc + 1 + insn.offset();
                if (insn.offset() < 0) {
                    throw new AssertionError("backward jump at " + pc + " (loops are refused)");
                }
                if (target >= program.size()) {
                    throw new AssertionError("jump out of the program at " + pc + " to " + target);
                }
            }
            if (insn.dst() == 10 && (insn.code() & 0x07) != CLASS_LDX) {
                throw new AssertionError("write to the frame pointer at " + pc);
            }
        }
    }

    /** The program's verdict (r0) for one access; {@code type} and {@code access} as BPF_DEVCG_* bits. */
    static long run(List<BpfInstruction> program, int type, int access, long major, long minor) {
        int[] ctx = {(access << 16) | type, (int) major, (int) minor};
        long[] reg = new long[11];
        boolean[] set = new boolean[11];
        set[CONTEXT] = true; // r1 holds the context pointer; loads through it are modelled, nothing else is
        boolean[] isContext = new boolean[11];
        isContext[CONTEXT] = true;
        int pc = 0;
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            if (pc < 0 || pc >= program.size()) {
                throw new AssertionError("fell off the program at " + pc);
            }
            BpfInstruction insn = program.get(pc);
            int code = insn.code();
            int cls = code & 0x07;
            int op = code & 0xf0;
            boolean fromReg = (code & 0x08) != 0;
            if (cls == CLASS_LDX) {
                if (code != 0x61) {
                    throw new AssertionError("unsupported load " + Integer.toHexString(code) + " at " + pc);
                }
                if (!isContext[insn.src()]) {
                    throw new AssertionError("load through a non-pointer register at " + pc);
                }
                int off = insn.offset();
                if (off < 0 || off + 4 > CONTEXT_SIZE || off % 4 != 0) {
                    throw new AssertionError("context load out of bounds at " + pc + ": " + off);
                }
                reg[insn.dst()] = Integer.toUnsignedLong(ctx[off / 4]);
                set[insn.dst()] = true;
                isContext[insn.dst()] = false;
            } else if (cls == CLASS_ALU) {
                long operand;
                if (fromReg) {
                    require(set[insn.src()] && !isContext[insn.src()], "read of unset register r" + insn.src(), pc);
                    operand = reg[insn.src()] & 0xFFFF_FFFFL;
                } else {
                    operand = insn.imm() & 0xFFFF_FFFFL;
                }
                if (op != 0xb0) {
                    require(set[insn.dst()] && !isContext[insn.dst()], "read of unset register r" + insn.dst(), pc);
                }
                long value = reg[insn.dst()] & 0xFFFF_FFFFL;
                long result = switch (op) {
                    case 0xb0 -> operand;                       // mov
                    case 0x50 -> value & operand;               // and
                    case 0x70 -> value >>> (operand & 31);      // rsh
                    default -> throw new AssertionError("unsupported alu op " + Integer.toHexString(code) + " at " + pc);
                };
                reg[insn.dst()] = result & 0xFFFF_FFFFL; // 32-bit ops zero the upper half
                set[insn.dst()] = true;
                isContext[insn.dst()] = false;
            } else if (cls == CLASS_JMP) {
                if (code == 0x95) {
                    require(set[0], "exit with r0 unset", pc);
                    return reg[0];
                }
                require(set[insn.dst()] && !isContext[insn.dst()], "compare of unset register r" + insn.dst(), pc);
                long left = reg[insn.dst()];
                long right;
                if (fromReg) {
                    require(set[insn.src()] && !isContext[insn.src()], "compare of unset register r" + insn.src(), pc);
                    right = reg[insn.src()];
                } else {
                    right = insn.imm(); // the immediate is sign-extended to 64 bits
                }
                boolean taken = switch (op) {
                    case 0x10 -> left == right;   // jeq
                    case 0x50 -> left != right;   // jne
                    default -> throw new AssertionError("unsupported jump " + Integer.toHexString(code) + " at " + pc);
                };
                if (taken) {
                    pc += insn.offset();
                }
            } else {
                throw new AssertionError("unsupported instruction class " + Integer.toHexString(code) + " at " + pc);
            }
            pc++;
        }
        throw new AssertionError("program did not exit");
    }

    private static void require(boolean condition, String what, int pc) {
        if (!condition) {
            throw new AssertionError(what + " at " + pc);
        }
    }
}

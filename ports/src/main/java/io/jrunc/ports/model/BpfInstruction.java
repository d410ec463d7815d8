package io.jrunc.ports.model;

/**
 * One eBPF instruction as the kernel's {@code struct bpf_insn} lays it out: opcode, destination and source
 * registers (4 bits each), a signed 16-bit offset and a signed 32-bit immediate.
 */
public record BpfInstruction(int code, int dst, int src, short offset, int imm) {
    public BpfInstruction {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("opcode out of range: " + code);
        }
        if (dst < 0 || dst > 10 || src < 0 || src > 10) {
            throw new IllegalArgumentException("register out of range: dst=" + dst + " src=" + src);
        }
    }
}

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

    /**
     * The program as the kernel reads it, eight bytes an instruction in the machine's (little-endian) order:
     * u8 code, u8 dst_reg:4 src_reg:4 (dst in the low nibble), s16 off, s32 imm.
     */
    public static byte[] encode(java.util.List<BpfInstruction> program) {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 * program.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (BpfInstruction insn : program) {
            out.put((byte) insn.code()).put((byte) ((insn.src() << 4) | insn.dst())).putShort(insn.offset()).putInt(insn.imm());
        }
        return out.array();
    }
}

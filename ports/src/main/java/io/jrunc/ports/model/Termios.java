package io.jrunc.ports.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The kernel's struct termios as TCGETS fills it (asm-generic, the same on x86-64 and AArch64): four 32-bit flag
 * words, the line discipline and 19 control characters, 36 bytes.
 */
public final class Termios {
    public static final int SIZE = 36;
    private static final int IFLAG = 0;
    private static final int OFLAG = 4;
    private static final int CFLAG = 8;
    private static final int LFLAG = 12;
    private static final int CC = 17;
    private static final int VTIME = 5;
    private static final int VMIN = 6;

    // The bits cfmakeraw(3) clears and sets.
    private static final int IGNBRK = 01, BRKINT = 02, PARMRK = 010, ISTRIP = 040, INLCR = 0100, IGNCR = 0200,
            ICRNL = 0400, IXON = 02000;
    private static final int OPOST = 01;
    private static final int ISIG = 01, ICANON = 02, ECHO = 010, ECHONL = 0100, IEXTEN = 0100000;
    private static final int CSIZE = 060, CS8 = 060, PARENB = 0400;

    private final byte[] bytes;

    public Termios(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("struct termios is " + SIZE + " bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** cfmakeraw(3): no echo, no line editing, no signals from keys, no output processing, 8-bit bytes. */
    public Termios raw() {
        ByteBuffer b = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.nativeOrder());
        b.putInt(IFLAG, b.getInt(IFLAG) & ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON));
        b.putInt(OFLAG, b.getInt(OFLAG) & ~OPOST);
        b.putInt(LFLAG, b.getInt(LFLAG) & ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN));
        b.putInt(CFLAG, (b.getInt(CFLAG) & ~(CSIZE | PARENB)) | CS8);
        b.put(CC + VMIN, (byte) 1);
        b.put(CC + VTIME, (byte) 0);
        return new Termios(b.array());
    }

    /** Whether the terminal echoes what is typed (ECHO): raw mode turns it off. */
    public boolean echoes() {
        return (ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getInt(LFLAG) & ECHO) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Termios && Arrays.equals(bytes, ((Termios) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Termios" + Arrays.toString(bytes);
    }
}

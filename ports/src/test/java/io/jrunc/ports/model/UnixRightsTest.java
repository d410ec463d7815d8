package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The unix-socket ABI both native backends copy into native memory, as LP64 Linux lays it out. */
class UnixRightsTest {
    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    @Test
    void theControlMessageOfOneFdIsCmsgLenTwentySolSocketScmRightsAndTheFd() {
        ByteBuffer b = le(UnixRights.control(7));

        assertEquals(UnixRights.CONTROL_SIZE, b.capacity());
        assertEquals(20, b.getLong(0));
        assertEquals(1, b.getInt(8));
        assertEquals(1, b.getInt(12));
        assertEquals(7, b.getInt(16));
    }

    @Test
    void theFdsOfAControlBufferAreEveryFdOfItsScmRightsMessages_andNoneBeyondItsLength() {
        byte[] control = new byte[UnixRights.RECEIVE_CONTROL_SIZE];
        ByteBuffer b = le(control);
        b.putLong(0, 16 + 12).putInt(8, 1).putInt(12, 1).putInt(16, 5).putInt(20, 6).putInt(24, 7);

        assertArrayEquals(new int[] {5, 6, 7}, UnixRights.fdsOf(control, 32));
        assertArrayEquals(new int[] {5}, UnixRights.fdsOf(UnixRights.control(5), UnixRights.CONTROL_SIZE));
        assertArrayEquals(new int[0], UnixRights.fdsOf(control, 0), "nothing came");
        assertArrayEquals(new int[0], UnixRights.fdsOf(control, 24), "a message cut short is not read past");
    }

    @Test
    void aControlMessageOfAnotherLevelOrTypeCarriesNoFd_andTheNextOneIsFoundPastItsPadding() {
        byte[] control = new byte[UnixRights.RECEIVE_CONTROL_SIZE];
        ByteBuffer b = le(control);
        // SCM_CREDENTIALS (type 2): 16 + 12 bytes, padded to 32; then SCM_RIGHTS with one fd.
        b.putLong(0, 28).putInt(8, 1).putInt(12, 2).putInt(16, 99);
        b.putLong(32, 20).putInt(40, 1).putInt(44, 1).putInt(48, 9);

        assertArrayEquals(new int[] {9}, UnixRights.fdsOf(control, 56));
        b.putInt(40, 0); // SOL_IP, say
        assertArrayEquals(new int[0], UnixRights.fdsOf(control, 56));
    }

    @Test
    void aCmsgLenShorterThanItsHeaderEndsTheWalk() {
        byte[] control = UnixRights.control(3);
        le(control).putLong(0, 8);

        assertArrayEquals(new int[0], UnixRights.fdsOf(control, UnixRights.CONTROL_SIZE));
    }

    @Test
    void msghdrAndIovecHoldTheirAddressesAndLengthsWhereTheKernelReadsThem() {
        ByteBuffer iov = le(UnixRights.iovec(0x1000, 42));
        ByteBuffer msg = le(UnixRights.msghdr(0x2000, 0x3000, 64));

        assertEquals(UnixRights.IOVEC_SIZE, iov.capacity());
        assertEquals(0x1000, iov.getLong(0));
        assertEquals(42, iov.getLong(8));
        assertEquals(UnixRights.MSGHDR_SIZE, msg.capacity());
        assertEquals(0, msg.getLong(0), "no name");
        assertEquals(0, msg.getInt(8), "no name length");
        assertEquals(0x2000, msg.getLong(16));
        assertEquals(1, msg.getLong(24), "one iovec");
        assertEquals(0x3000, msg.getLong(32));
        assertEquals(64, msg.getLong(UnixRights.CONTROLLEN_OFFSET));
        assertEquals(0, msg.getInt(48), "no flags");
    }

    @Test
    void aPathsAddressIsAfUnixThePathAndItsNul_andAnAbstractNameStartsWithANulAndHasNoneAfter() {
        ByteBuffer path = le(UnixRights.address("/a"));
        ByteBuffer name = le(UnixRights.address("@a"));

        assertEquals(5, path.capacity());
        assertEquals(1, path.getShort(0));
        assertEquals('/', path.get(2));
        assertEquals('a', path.get(3));
        assertEquals(0, path.get(4));
        assertEquals(4, name.capacity());
        assertEquals(0, name.get(2));
        assertEquals('a', name.get(3));
    }

    @Test
    void anEmptyOrTooLongPathIsEINVAL_butOneOfExactly107BytesFits() {
        assertEquals(2 + 108, UnixRights.address("/" + "x".repeat(106)).length);
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class,
                () -> UnixRights.address("/" + "x".repeat(107))).errno());
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> UnixRights.address("@")).errno());
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> UnixRights.address("")).errno());
    }
}

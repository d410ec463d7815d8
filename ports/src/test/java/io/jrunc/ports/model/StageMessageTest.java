package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageMessageTest {
    @Test
    void aMessageIsItsLittleEndianLengthThenEachFieldEndedByNul() {
        byte[] m = StageMessage.encode(List.of("chdir", "/tmp"));
        assertArrayEquals(new byte[] {11, 0, 0, 0, 'c', 'h', 'd', 'i', 'r', 0, '/', 't', 'm', 'p', 0}, m);
        assertEquals(11, StageMessage.length(m));
    }

    @Test
    void emptyAndNonAsciiFieldsSurviveTheRoundTrip() {
        List<String> fields = List.of("mount", "", "/proc", "proc", "14", "", "é");
        byte[] m = StageMessage.encode(fields);
        assertEquals(fields, StageMessage.fields(Arrays.copyOfRange(m, StageMessage.HEADER, m.length)));
    }

    @Test
    void aNulInsideAFieldIsRefusedRatherThanShiftingTheOthers() {
        var e = assertThrows(IllegalArgumentException.class, () -> StageMessage.encode(List.of("chdir", "/a\0b")));
        assertEquals("a NUL byte in a field: /a?b", e.getMessage());
    }

    @Test
    void theLargestExecRequestThatExecveCouldTakeFitsAndAnythingLargerIsRefusedBeforeItIsSent() {
        // 70,000 arguments, as runc runs them: far within the limits.
        List<String> many = new java.util.ArrayList<>(List.of("exec", "3", "3", "/bin/sh", "70000"));
        for (int i = 0; i < 70_000; i++) {
            many.add(Integer.toString(i));
        }
        assertEquals(many, roundTrip(many));
        // As many one-byte strings as execve could take, and one as long as it could take.
        List<String> most = new java.util.ArrayList<>(List.of("exec", "3", "3", "/".repeat(4095), "1"));
        most.addAll(java.util.Collections.nCopies(ExecArguments.MAX_BYTES / ExecArguments.LEAST_PER_STRING, ""));
        assertEquals(most.size(), roundTrip(most).size());
        List<String> longest = List.of("exec", "3", "3", "/".repeat(4095), "1", "x".repeat(ExecArguments.MAX_BYTES));
        assertEquals(longest, roundTrip(longest));

        var fields = assertThrows(IllegalArgumentException.class, () -> StageMessage.encode(
                java.util.Collections.nCopies(StageMessage.MAX_FIELDS + 1, "")));
        assertEquals("a message of " + (StageMessage.MAX_FIELDS + 1) + " fields, more than jrunc-init takes ("
                + StageMessage.MAX_FIELDS + ")", fields.getMessage());
        var bytes = assertThrows(IllegalArgumentException.class, () -> StageMessage.encode(
                List.of("x".repeat(StageMessage.MAX_LENGTH))));
        assertEquals("a message of " + (StageMessage.MAX_LENGTH + 1) + " bytes, more than jrunc-init reads ("
                + StageMessage.MAX_LENGTH + ")", bytes.getMessage());
    }

    private static List<String> roundTrip(List<String> fields) {
        byte[] m = StageMessage.encode(fields);
        return StageMessage.fields(Arrays.copyOfRange(m, StageMessage.HEADER, m.length));
    }

    @Test
    void bytesAfterTheLastNulAreNoField() {
        assertEquals(List.of("ok"), StageMessage.fields(new byte[] {'o', 'k', 0, 'x'}));
    }

    /** One direction of a socket, over a byte array: reads give what is left, then end of file. */
    private static io.jrunc.ports.FileDescriptors reading(byte[] bytes) {
        int[] at = {0};
        return (io.jrunc.ports.FileDescriptors) java.lang.reflect.Proxy.newProxyInstance(
                StageMessageTest.class.getClassLoader(),
                new Class<?>[] {io.jrunc.ports.FileDescriptors.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("read")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    int n = Math.min((Integer) args[1], Math.min(3, bytes.length - at[0])); // short reads too
                    byte[] chunk = Arrays.copyOfRange(bytes, at[0], at[0] + n);
                    at[0] += n;
                    return chunk;
                });
    }

    @Test
    void aMessageIsReadWholeAcrossShortReadsAndEndOfFileIsAnEmptyList() {
        byte[] two = new byte[0];
        for (List<String> m : List.of(List.of("ok"), List.of("ok", "0::/c1\n"))) {
            byte[] e = StageMessage.encode(m);
            byte[] joined = Arrays.copyOf(two, two.length + e.length);
            System.arraycopy(e, 0, joined, two.length, e.length);
            two = joined;
        }
        var fds = reading(two);
        assertEquals(List.of("ok"), StageMessage.receive(fds, 9, 100));
        assertEquals(List.of("ok", "0::/c1\n"), StageMessage.receive(fds, 9, 100));
        assertEquals(List.of(), StageMessage.receive(fds, 9, 100));
    }

    @Test
    void anEmptyOrOversizedMessageIsEio() {
        var e = assertThrows(SyscallException.class,
                () -> StageMessage.receive(reading(new byte[] {0, 0, 0, 0}), 9, 100));
        assertEquals(Errno.EIO, e.errno());
        assertThrows(SyscallException.class,
                () -> StageMessage.receive(reading(StageMessage.encode(List.of("x".repeat(200)))), 9, 100));
    }
}

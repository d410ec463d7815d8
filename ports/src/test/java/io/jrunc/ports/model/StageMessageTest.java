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
    void bytesAfterTheLastNulAreNoField() {
        assertEquals(List.of("ok"), StageMessage.fields(new byte[] {'o', 'k', 0, 'x'}));
    }
}

package io.jrunc.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CpuListTest {
    @Test
    void numbersAndRangesAsTheKernelWritesThem() {
        assertEquals(Optional.of(Set.of(0, 1, 2, 3, 7)), CpuList.parse("0-3,7"));
        assertEquals(Optional.of(Set.of(5)), CpuList.parse(" 5 "));
        assertEquals(Optional.of(Set.of(1, 2)), CpuList.parse("2,1,2"));
        assertEquals(Optional.of(Set.of()), CpuList.parse(""));
        assertEquals(Optional.of(Set.of(8191)), CpuList.parse("8191"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "1-0", "0,,1", "-1", "1-", "1-2-3", "0x1", "8192", "0-99999", "1 2"})
    void anythingElseIsNoList(String text) {
        assertEquals(Optional.empty(), CpuList.parse(text));
    }
}

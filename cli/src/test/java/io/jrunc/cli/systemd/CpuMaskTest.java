package io.jrunc.cli.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The cases of runc's own RangeToBits test, in the byte order systemd reads (byte 0 holds ids 0-7). */
class CpuMaskTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|01", "1|02", "0-1|03", "0,1|03", ",0,1,|03", "0-3|0f", "0,1,2-3|0f", "4-7|f0", "0-7|ff", "0-15|ffff",
        "16|000001", "0-3,32-33|0f00000003", "1, 2, 1-2|06", "'    , 1   , 3  ,  5-7,\t'|ea",
        "128-130,1|0200000000000000000000000000000007", "10-23|00fcff"})
    void listsBecomeLittleEndianMasks(String list, String hex) {
        assertArrayEquals(HexFormat.of().parseHex(hex), CpuMask.toBits(list));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "-", "1-", "-3", "54-53", "1 - 2", "x", "99999999"})
    void badListsAreRefused(String list) {
        assertThrows(IllegalArgumentException.class, () -> CpuMask.toBits(list));
    }
}

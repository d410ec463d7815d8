package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoValuesTest {
    @ParameterizedTest
    @CsvSource({"1024,1024", "512k,524288", "512K,524288", "64m,67108864", "64M,67108864", "64MB,67108864",
            "64MiB,67108864", "'10 MiB',10485760", "1g,1073741824", "1.5g,1610612736", "2t,2199023255552",
            "1p,1125899906842624", "0,0", "1b,1"})
    void sizesAreBinaryAsDockersRamInBytes(String text, long bytes) {
        assertEquals(bytes, GoValues.ramInBytes(text));
    }

    @ParameterizedTest
    @CsvSource({"12x", "-2", "m", "'64 m b x'", "''", "1.2.3"})
    void aSizeThatIsNotOneIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoValues.ramInBytes(text));
        assertEquals(text.equals("1.2.3") ? "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax"
                : "invalid size: '" + text + "'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"5s,5000", "100ms,100", "1m,60000", "1m30s,90000", "1.5h,5400000", "1h2m3s4ms,3723004", "0,0",
            ".5s,500", "300us,0"})
    void durationsAreGos(String text, long millis) {
        assertEquals(millis, GoValues.parseDuration(text).toMillis());
    }

    @ParameterizedTest
    @CsvSource({"5,time: missing unit in duration \"5\"", "5x,time: unknown unit \"x\" in duration \"5x\"",
            "soon,time: invalid duration \"soon\"", "'',time: invalid duration \"\"", "s,time: invalid duration \"s\""})
    void aBadDurationGetsGosMessage(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> GoValues.parseDuration(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0,0", "18446744073709551615,-1", "100000,100000"})
    void unsignedNumbersKeepTheirBits(String text, long bits) {
        assertEquals(bits, GoValues.parseUint(text));
    }

    @ParameterizedTest
    @CsvSource({"-1,strconv.ParseUint: parsing \"-1\": invalid syntax",
            "18446744073709551616,strconv.ParseUint: parsing \"18446744073709551616\": value out of range",
            "1e3,strconv.ParseUint: parsing \"1e3\": invalid syntax"})
    void unsignedNumbersAreRefusedAsStrconvRefusesThem(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> GoValues.parseUint(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"-50000,-50000", "+7,7", "9223372036854775807,9223372036854775807"})
    void signedNumbers(String text, long value) {
        assertEquals(value, GoValues.parseInt(text));
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775808,strconv.ParseInt: parsing \"9223372036854775808\": value out of range",
            "0x10,strconv.ParseInt: parsing \"0x10\": invalid syntax"})
    void signedNumbersAreRefusedAsStrconvRefusesThem(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> GoValues.parseInt(text)).getMessage());
    }

    @org.junit.jupiter.api.Test
    void aNegativeDurationIsNegative() {
        assertEquals(Duration.ofSeconds(-2), GoValues.parseDuration("-2s"));
    }
}

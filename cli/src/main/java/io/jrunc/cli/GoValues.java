package io.jrunc.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flag values read as runc reads them, with the messages Go gives: numbers as strconv parses them, sizes as
 * docker's units.RAMInBytes, durations as time.ParseDuration. Each throws {@link IllegalArgumentException}.
 */
final class GoValues {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** go-units: digits, an optional fraction, an optional space, then k/m/g/t/p with an optional i and b. */
    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    private static final Map<String, Long> BINARY = Map.of("k", 1L << 10, "m", 1L << 20, "g", 1L << 30,
            "t", 1L << 40, "p", 1L << 50);
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoValues() {
    }

    /** strconv.ParseUint(s, 10, 64), as an unsigned long's bits. */
    static long parseUint(String s) {
        if (!s.matches("[0-9]+")) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing " + quote(s) + ": invalid syntax");
        }
        BigInteger value = new BigInteger(s);
        if (value.compareTo(U64_MAX) > 0) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing " + quote(s) + ": value out of range");
        }
        return value.longValue();
    }

    /** strconv.ParseInt(s, 10, 64). */
    static long parseInt(String s) {
        if (!s.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("strconv.ParseInt: parsing " + quote(s) + ": invalid syntax");
        }
        BigInteger value = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        if (value.bitLength() > 63) {
            throw new IllegalArgumentException("strconv.ParseInt: parsing " + quote(s) + ": value out of range");
        }
        return value.longValue();
    }

    /** units.RAMInBytes: "64m", "1.5G", "512k", "1024" (bytes); binary multiples. */
    static long ramInBytes(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        BigDecimal size;
        try {
            size = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing " + quote(m.group(1)) + ": invalid syntax");
        }
        if (m.group(3) != null) {
            size = size.multiply(BigDecimal.valueOf(BINARY.get(m.group(3).toLowerCase(Locale.ROOT))));
        }
        BigInteger bytes = size.toBigInteger();
        if (bytes.bitLength() > 63) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        return bytes.longValue();
    }

    /** time.ParseDuration: "5s", "100ms", "1m30s", "1.5h", "-2s"; a bare "0" is zero. */
    static Duration parseDuration(String s) {
        String rest = s;
        boolean negative = false;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.startsWith("-");
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration " + quote(s));
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = DURATION_PART.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
                throw new IllegalArgumentException(durationError(s, rest.substring(at)));
            }
            nanos = nanos.add(new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1))
                    .multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            at = m.end();
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.bitLength() > 63) {
            throw new IllegalArgumentException("time: invalid duration " + quote(s));
        }
        Duration d = Duration.ofNanos(whole.longValue());
        return negative ? d.negated() : d;
    }

    private static String durationError(String whole, String rest) {
        Matcher number = Pattern.compile("^[0-9]*(\\.[0-9]*)?").matcher(rest);
        if (number.find() && number.end() > 0 && !number.group().equals(".")) {
            String unit = rest.substring(number.end()).replaceFirst("[0-9.].*$", "");
            return unit.isEmpty() ? "time: missing unit in duration " + quote(whole)
                    : "time: unknown unit " + quote(unit) + " in duration " + quote(whole);
        }
        return "time: invalid duration " + quote(whole);
    }

    /** Go's %q for the plain strings flags hold. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package io.jrunc.cli.systemd;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * The unit properties a container's config asks for itself, as runc reads them: an annotation
 * {@code org.systemd.property.NAME=VALUE} is the property NAME (ASCII letters, at least three) with VALUE in
 * GVariant's text format. A name systemd's documentation spells with "Sec" ({@code TimeoutStopSec}) goes over
 * the bus as its "USec" property, its seconds made microseconds.
 */
final class AnnotationProperties {
    static final String PREFIX = "org.systemd.property.";
    private static final BigInteger MICROS = BigInteger.valueOf(1_000_000);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private AnnotationProperties() {
    }

    /**
     * The properties, in the annotations' key order (runc's follows Go's map order, which is none).
     *
     * @throws SystemdException naming the annotation whose name or value is wrong, in runc's words
     */
    static List<UnitProperty> of(Map<String, String> annotations) {
        List<UnitProperty> properties = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String name = key.substring(PREFIX.length());
            String wrongName = checkName(name);
            if (wrongName != null) {
                throw new SystemdException("annotation " + key + " name incorrect: " + wrongName);
            }
            Variant<?> value;
            try {
                value = GVariantText.parse(e.getValue());
            } catch (GVariantText.ParseError error) {
                throw valueError(key, e.getValue(), error.getMessage());
            }
            if (name.length() > 3 && name.endsWith("Sec") && name.charAt(name.length() - 4) >= 'a'
                    && name.charAt(name.length() - 4) <= 'z') {
                name = name.substring(0, name.length() - 3) + "USec";
                value = secondsToMicros(value).orElseThrow(() -> valueError(key, e.getValue(), "not a number"));
            }
            properties.add(new UnitProperty(name, value));
        }
        return List.copyOf(properties);
    }

    /** null when the name is good; else why not. */
    private static String checkName(String name) {
        if (name.length() < 3) {
            return "too short";
        }
        for (char c : name.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return "contains non-alphabetic character";
            }
        }
        return null;
    }

    private static SystemdException valueError(String key, String value, String why) {
        return new SystemdException("annotation " + key + "=" + value + " value parse error: " + why);
    }

    /**
     * Any integer or double, as a uint64 of microseconds. A negative number wraps as Go's uint64 conversion
     * wraps it in runc (systemd then reads "infinity" for -1).
     */
    private static Optional<Variant<?>> secondsToMicros(Variant<?> value) {
        Object v = value.getValue();
        BigInteger seconds;
        if (v instanceof Byte b) {
            seconds = BigInteger.valueOf(Byte.toUnsignedInt(b));
        } else if (v instanceof Short || v instanceof Integer || v instanceof Long) {
            seconds = BigInteger.valueOf(((Number) v).longValue());
        } else if (v instanceof UInt16 || v instanceof UInt32) {
            seconds = BigInteger.valueOf(((Number) v).longValue());
        } else if (v instanceof UInt64 u) {
            seconds = u.value();
        } else if (v instanceof Double d && Double.isFinite(d)) {
            // As runc: multiplied as a double, then truncated (0.3 s is 300000 µs, not 299999).
            BigInteger micros = new BigDecimal(d * 1_000_000d).toBigInteger();
            return Optional.of(new Variant<>(new UInt64(micros.mod(TWO_64))));
        } else {
            return Optional.empty();
        }
        return Optional.of(new Variant<>(new UInt64(seconds.multiply(MICROS).mod(TWO_64))));
    }
}

package io.jrunc.cli.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrunc.domain.config.ConfigError;
import io.jrunc.domain.config.SpecEnum;
import io.jrunc.domain.config.SpecEnums;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * Typed reads of one JSON object's fields that never throw: a value of the wrong type is recorded as a
 * {@link ConfigError} at its JSON path and read as absent, so one pass finds every mistake in the file.
 * A JSON {@code null} counts as absent, as it does for Go's decoder.
 */
final class JsonFields {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final List<ConfigError> errors = new ArrayList<>();

    List<ConfigError> errors() {
        return List.copyOf(errors);
    }

    void error(String path, String message) {
        errors.add(new ConfigError(path, message));
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    static String key(String path, String key) {
        return path + "[\"" + key + "\"]";
    }

    private static Optional<JsonNode> field(JsonNode object, String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    boolean has(JsonNode object, String name) {
        return field(object, name).isPresent();
    }

    /** An object field handed to {@code reader} with its path; absent, null or mistyped reads as empty. */
    <T> Optional<T> object(JsonNode object, String name, String path,
                           BiFunction<JsonNode, String, Optional<T>> reader) {
        String at = child(path, name);
        return field(object, name).flatMap(node -> asObject(node, at) ? reader.apply(node, at) : Optional.empty());
    }

    boolean asObject(JsonNode node, String path) {
        if (!node.isObject()) {
            error(path, "expected an object, got " + describe(node));
            return false;
        }
        return true;
    }

    /** Array elements, each read by {@code element}; an element that fails is left out (its error is kept). */
    <T> List<T> list(JsonNode object, String name, String path, BiFunction<JsonNode, String, Optional<T>> element) {
        String at = child(path, name);
        Optional<JsonNode> node = field(object, name);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!node.get().isArray()) {
            error(at, "expected an array, got " + describe(node.get()));
            return List.of();
        }
        var values = new ArrayList<T>();
        for (int i = 0; i < node.get().size(); i++) {
            element.apply(node.get().get(i), index(at, i)).ifPresent(values::add);
        }
        return values;
    }

    /** A JSON object used as a map; each value read by {@code value}. Go decodes keys as they come. */
    <T> Map<String, T> map(JsonNode object, String name, String path, BiFunction<JsonNode, String, Optional<T>> value) {
        String at = child(path, name);
        Optional<JsonNode> node = field(object, name);
        if (node.isEmpty() || !asObject(node.get(), at)) {
            return Map.of();
        }
        var values = new LinkedHashMap<String, T>();
        node.get().fields().forEachRemaining(e ->
                value.apply(e.getValue(), key(at, e.getKey())).ifPresent(v -> values.put(e.getKey(), v)));
        return values;
    }

    List<String> strings(JsonNode object, String name, String path) {
        return list(object, name, path, this::asString);
    }

    Map<String, String> stringMap(JsonNode object, String name, String path) {
        return map(object, name, path, this::asString);
    }

    /** A Go {@code string,omitempty}: "" and absent mean the same, both read as empty. */
    Optional<String> string(JsonNode object, String name, String path) {
        return field(object, name).flatMap(n -> asString(n, child(path, name))).filter(s -> !s.isEmpty());
    }

    /** A Go {@code string} without omitempty: absent reads as "". */
    String requiredString(JsonNode object, String name, String path) {
        return field(object, name).flatMap(n -> asString(n, child(path, name))).orElse("");
    }

    Optional<String> asString(JsonNode node, String path) {
        if (!node.isTextual()) {
            error(path, "expected a string, got " + describe(node));
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    boolean bool(JsonNode object, String name, String path) {
        return optionalBool(object, name, path).orElse(false);
    }

    Optional<Boolean> optionalBool(JsonNode object, String name, String path) {
        return field(object, name).flatMap(node -> {
            if (!node.isBoolean()) {
                error(child(path, name), "expected a boolean, got " + describe(node));
                return Optional.empty();
            }
            return Optional.of(node.booleanValue());
        });
    }

    OptionalLong int64(JsonNode object, String name, String path) {
        return integer(object, name, path, "a 64-bit integer", BigInteger.valueOf(Long.MIN_VALUE),
                BigInteger.valueOf(Long.MAX_VALUE));
    }

    /** Held as the unsigned bits of a long; see the domain's package notes. */
    OptionalLong uint64(JsonNode object, String name, String path) {
        return integer(object, name, path, "an unsigned 64-bit integer", BigInteger.ZERO, U64_MAX);
    }

    OptionalLong uint32(JsonNode object, String name, String path) {
        return integer(object, name, path, "an unsigned 32-bit integer", BigInteger.ZERO,
                BigInteger.valueOf(0xFFFF_FFFFL));
    }

    OptionalInt uint16(JsonNode object, String name, String path) {
        return toInt(integer(object, name, path, "an unsigned 16-bit integer", BigInteger.ZERO,
                BigInteger.valueOf(0xFFFF)));
    }

    OptionalInt int32(JsonNode object, String name, String path) {
        return toInt(integer(object, name, path, "a 32-bit integer", BigInteger.valueOf(Integer.MIN_VALUE),
                BigInteger.valueOf(Integer.MAX_VALUE)));
    }

    Optional<Long> asUint32(JsonNode node, String path) {
        OptionalLong value = integer(node, path, "an unsigned 32-bit integer", BigInteger.ZERO,
                BigInteger.valueOf(0xFFFF_FFFFL));
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }

    private static OptionalInt toInt(OptionalLong value) {
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    private OptionalLong integer(JsonNode object, String name, String path, String expected, BigInteger min,
                                 BigInteger max) {
        Optional<JsonNode> node = field(object, name);
        return node.isEmpty() ? OptionalLong.empty() : integer(node.get(), child(path, name), expected, min, max);
    }

    private OptionalLong integer(JsonNode node, String path, String expected, BigInteger min, BigInteger max) {
        if (!node.isIntegralNumber() || node.bigIntegerValue().compareTo(min) < 0
                || node.bigIntegerValue().compareTo(max) > 0) {
            error(path, "expected " + expected + ", got " + describe(node));
            return OptionalLong.empty();
        }
        return OptionalLong.of(node.bigIntegerValue().longValue());
    }

    /** A closed-set string; {@code noun} names the set in the message ("unknown rlimit \"RLIMIT_FOO\""). */
    <E extends Enum<E> & SpecEnum> Optional<E> enumeration(JsonNode object, String name, String path, Class<E> type,
                                                          String noun) {
        return field(object, name).flatMap(node -> asEnum(node, child(path, name), type, noun));
    }

    /** As {@link #enumeration} for a field the spec REQUIRES; missing is an error, not a default. */
    <E extends Enum<E> & SpecEnum> Optional<E> requiredEnumeration(JsonNode object, String name, String path,
                                                                  Class<E> type, String noun) {
        if (!has(object, name)) {
            error(child(path, name), "is required");
            return Optional.empty();
        }
        return enumeration(object, name, path, type, noun);
    }

    <E extends Enum<E> & SpecEnum> Optional<E> asEnum(JsonNode node, String path, Class<E> type, String noun) {
        return asString(node, path).flatMap(value -> {
            Optional<E> constant = SpecEnums.parse(type, value);
            if (constant.isEmpty()) {
                error(path, "unknown " + noun + " \"" + value + "\"");
            }
            return constant;
        });
    }

    <E extends Enum<E> & SpecEnum> List<E> enums(JsonNode object, String name, String path, Class<E> type,
                                                String noun) {
        return list(object, name, path, (node, at) -> asEnum(node, at, type, noun));
    }

    /** How a value that was not what we wanted looks in a message: scalars as JSON, containers by kind. */
    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}

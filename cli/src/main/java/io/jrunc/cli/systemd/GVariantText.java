package io.jrunc.cli.systemd;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * A D-Bus value from GVariant's text format, as runc reads {@code org.systemd.property.*} annotations (godbus's
 * ParseVariant): booleans, numbers (bare ones are int32, or double with a point or exponent, as GVariant
 * types them; a type keyword such as {@code uint64 7} fixes the type), strings in single or double quotes, and
 * arrays of those ({@code ['a', 'b']}, {@code [uint32 1, 2]}, {@code @as []}).
 */
final class GVariantText {
    private final String text;
    private int pos;

    private GVariantText(String text) {
        this.text = text;
    }

    /** Thrown for text that is no value of the supported kinds; the message says what and where. */
    static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;

        ParseError(String message) {
            super(message);
        }
    }

    static Variant<?> parse(String text) throws ParseError {
        GVariantText parser = new GVariantText(text);
        Typed value = parser.value(null);
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return new Variant<>(value.value(), value.signature());
    }

    /** A parsed value with its D-Bus signature ("t", "as", …). */
    private record Typed(Object value, String signature) {
    }

    /** @param hint the signature an untyped number or empty array takes (an array's first element's type) */
    private Typed value(String hint) throws ParseError {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value was expected");
        }
        char c = text.charAt(pos);
        if (c == '@') {
            pos++;
            String signature = word();
            if (signature.isEmpty()) {
                throw error("a type was expected after '@'");
            }
            Typed typed = value(signature);
            if (!typed.signature().equals(signature)) {
                throw error("a value of type " + signature + " was expected, got one of type " + typed.signature());
            }
            return typed;
        }
        if (c == '[') {
            return array(hint);
        }
        if (c == '\'' || c == '"') {
            return new Typed(string(c), "s");
        }
        String word = word();
        String keyword = Keyword.signatureOf(word);
        if (keyword != null) {
            skipSpace();
            return switch (keyword) {
                case "s" -> new Typed(string(quote()), "s");
                case "b" -> bool(word());
                default -> number(keyword);
            };
        }
        if ("b".equals(hint) || word.equals("true") || word.equals("false")) {
            return bool(word);
        }
        pos -= word.length();
        return number(hint);
    }

    private Typed bool(String word) throws ParseError {
        if (word.equals("true") || word.equals("false")) {
            return new Typed(Boolean.valueOf(word), "b");
        }
        throw error("true or false was expected, got \"" + word + "\"");
    }

    private Typed array(String hint) throws ParseError {
        pos++;
        String elementHint = hint != null && hint.startsWith("a") ? hint.substring(1) : null;
        List<Object> elements = new ArrayList<>();
        String elementSignature = elementHint;
        skipSpace();
        if (peek(']')) {
            pos++;
            if (elementSignature == null) {
                throw error("the type of an empty array cannot be inferred (write it as @as [])");
            }
            return new Typed(elements, "a" + elementSignature);
        }
        while (true) {
            Typed element = value(elementSignature);
            if (elementSignature == null) {
                elementSignature = element.signature();
            } else if (!elementSignature.equals(element.signature())) {
                throw error("array elements of different types (" + elementSignature + " and "
                        + element.signature() + ")");
            }
            elements.add(element.value());
            skipSpace();
            if (peek(',')) {
                pos++;
                continue;
            }
            if (peek(']')) {
                pos++;
                return new Typed(elements, "a" + elementSignature);
            }
            throw error("',' or ']' was expected");
        }
    }

    private char quote() throws ParseError {
        if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
            return text.charAt(pos);
        }
        throw error("a quoted string was expected");
    }

    private String string(char quote) throws ParseError {
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'a' -> out.append('\u0007');
                case 'u' -> out.appendCodePoint(hex(4));
                case 'U' -> out.appendCodePoint(hex(8));
                default -> out.append(e); // \\, \', \" and any other character stand for themselves
            }
        }
        throw error("unterminated string");
    }

    private int hex(int digits) throws ParseError {
        if (pos + digits > text.length()) {
            throw error("a " + digits + "-digit unicode escape was expected");
        }
        try {
            int code = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return code;
        } catch (NumberFormatException e) {
            throw error("a " + digits + "-digit unicode escape was expected");
        }
    }

    /** A number of the signature's type; without one, int32 or (with a point or exponent) a double. */
    private Typed number(String signature) throws ParseError {
        skipSpace();
        int start = pos;
        while (pos < text.length() && "+-.0123456789abcdefABCDEFxX".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String token = text.substring(start, pos);
        if (token.isEmpty()) {
            throw error("a value was expected");
        }
        boolean hex = token.matches("[+-]?0[xX][0-9a-fA-F]+");
        boolean floating = !hex && token.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")
                && token.matches(".*[.eE].*");
        String type = signature != null ? signature : floating ? "d" : "i";
        if (type.equals("d")) {
            try {
                return new Typed(Double.valueOf(token), "d");
            } catch (NumberFormatException e) {
                throw error("not a number: " + token);
            }
        }
        BigInteger n;
        try {
            n = hex ? new BigInteger(token.replaceFirst("0[xX]", ""), 16) : new BigInteger(token);
        } catch (NumberFormatException e) {
            throw error("not an integer: " + token);
        }
        return new Typed(integer(n, type, token), type);
    }

    private Object integer(BigInteger n, String type, String token) throws ParseError {
        Keyword k = Keyword.bySignature(type);
        if (k == null || k.min == null) {
            throw error("a value of type " + type + " was expected, got " + token);
        }
        if (n.compareTo(k.min) < 0 || n.compareTo(k.max) > 0) {
            throw error("number out of range for " + k.word + ": " + token);
        }
        return switch (type) {
            case "y" -> (byte) n.intValue();
            case "n" -> (short) n.intValue();
            case "q" -> new UInt16(n.intValue());
            case "i" -> n.intValue();
            case "u" -> new UInt32(n.longValue());
            case "x" -> n.longValue();
            default -> new UInt64(n);
        };
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '('
                || text.charAt(pos) == ')' || text.charAt(pos) == '{' || text.charAt(pos) == '}')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ParseError error(String message) {
        return new ParseError(message + " at offset " + pos);
    }

    /** GVariant's type keywords for the basic types here, with their D-Bus signature and integer range. */
    private enum Keyword {
        BYTE("byte", "y", 0, 255),
        INT16("int16", "n", Short.MIN_VALUE, Short.MAX_VALUE),
        UINT16("uint16", "q", 0, 65535),
        INT32("int32", "i", Integer.MIN_VALUE, Integer.MAX_VALUE),
        UINT32("uint32", "u", 0, 0xFFFF_FFFFL),
        INT64("int64", "x", Long.MIN_VALUE, Long.MAX_VALUE),
        UINT64("uint64", "t", BigInteger.ZERO, new BigInteger("18446744073709551615")),
        BOOLEAN("boolean", "b"),
        DOUBLE("double", "d"),
        STRING("string", "s");

        final String word;
        final String signature;
        final BigInteger min;
        final BigInteger max;

        Keyword(String word, String signature, long min, long max) {
            this(word, signature, BigInteger.valueOf(min), BigInteger.valueOf(max));
        }

        Keyword(String word, String signature, BigInteger min, BigInteger max) {
            this.word = word;
            this.signature = signature;
            this.min = min;
            this.max = max;
        }

        Keyword(String word, String signature) {
            this(word, signature, (BigInteger) null, null);
        }

        static String signatureOf(String word) {
            for (Keyword k : values()) {
                if (k.word.equals(word)) {
                    return k.signature;
                }
            }
            return null;
        }

        static Keyword bySignature(String signature) {
            for (Keyword k : values()) {
                if (k.signature.equals(signature)) {
                    return k;
                }
            }
            return null;
        }
    }
}

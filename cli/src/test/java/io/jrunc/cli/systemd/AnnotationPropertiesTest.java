package io.jrunc.cli.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotationPropertiesTest {
    private static final String P = AnnotationProperties.PREFIX;

    /** "signature value" of one annotation's property, by the property's name. */
    private static Map<String, String> props(String name, String value) {
        return FakeSystemd.byName(AnnotationProperties.of(Map.of(P + name, value)));
    }

    private static String one(String value) {
        return props("Property", value).get("Property");
    }

    @Test
    void gvariantTextOfEachKind() {
        assertEquals("b true", one("true"));
        assertEquals("b false", one(" false "));
        assertEquals("b true", one("boolean true"));
        assertEquals("i 42", one("42"), "a bare integer is int32, as GVariant types it");
        assertEquals("i -7", one("-7"));
        assertEquals("t 123", one("uint64 123"));
        assertEquals("t 18446744073709551615", one("uint64 18446744073709551615"));
        assertEquals("i -1", one("int32 -1"));
        assertEquals("u 4294967295", one("uint32 4294967295"));
        assertEquals("x -9000000000", one("int64 -9000000000"));
        assertEquals("y 7", one("byte 7"));
        assertEquals("y 16", one("byte 0x10"));
        assertEquals("n -3", one("int16 -3"));
        assertEquals("q 65535", one("uint16 65535"));
        assertEquals("d 1.5", one("1.5"));
        assertEquals("d 2000.0", one("2e3"));
        assertEquals("d 3.0", one("double 3"));
        assertEquals("s hello world", one("'hello world'"));
        assertEquals("s it's \"q\"", one("\"it's \\\"q\\\"\""));
        assertEquals("s tab\there", one("'tab\\there'"));
        assertEquals("s x", one("string 'x'"));
        assertEquals("as [a, b c]", one("['a', \"b c\"]"));
        assertEquals("at [1, 2, 3]", one("[uint64 1, 2, 3]"), "the first element's type is the array's");
        assertEquals("ai [1, -2]", one("[1, -2]"));
        assertEquals("au [7]", one("@au [7]"));
        assertEquals("as []", one("@as []"));
        assertEquals("ab [true, false]", one("[true, false]"));
    }

    @Test
    void onlyThePrefixedAnnotationsInKeyOrderAndNothingElse() {
        List<UnitProperty> properties = AnnotationProperties.of(Map.of(
                P + "TasksMax", "uint64 9", "org.systemd.other", "x", "io.kubernetes.cri", "y",
                P + "CollectMode", "'inactive-or-failed'"));
        assertEquals(Map.of("CollectMode", "s inactive-or-failed", "TasksMax", "t 9"),
                FakeSystemd.byName(properties));
        assertEquals(List.of("CollectMode", "TasksMax"), properties.stream().map(UnitProperty::name).toList());
        assertEquals(List.of(), AnnotationProperties.of(Map.of()));
    }

    @Test
    void aSecNameBecomesUSecInMicroseconds() {
        assertEquals(Map.of("TimeoutStopUSec", "t 30000000"), props("TimeoutStopSec", "30"));
        assertEquals(Map.of("TimeoutStopUSec", "t 123000000"), props("TimeoutStopSec", "uint64 123"));
        assertEquals(Map.of("RuntimeMaxUSec", "t 1500000"), props("RuntimeMaxSec", "1.5"));
        assertEquals(Map.of("RuntimeMaxUSec", "t 300000"), props("RuntimeMaxSec", "0.3"));
        assertEquals(Map.of("RuntimeMaxUSec", "t 7000000"), props("RuntimeMaxSec", "byte 7"));
        // Only after a lowercase letter: an acronym's "Sec" is left as it is.
        assertEquals(Map.of("XYZSec", "i 5"), props("XYZSec", "5"));
        assertEquals(Map.of("TimeoutStopUSec", "t 5"), props("TimeoutStopUSec", "uint64 5"));
    }

    @Test
    void aSecValueThatIsNoNumberIsAParseError() {
        var e = assertThrows(SystemdException.class, () -> props("TimeoutStopSec", "'soon'"));
        assertEquals("annotation org.systemd.property.TimeoutStopSec='soon' value parse error: not a number",
                e.getMessage());
    }

    @Test
    void aBadNameIsRefusedNamingTheAnnotation() {
        var short_ = assertThrows(SystemdException.class, () -> props("Ab", "true"));
        assertEquals("annotation org.systemd.property.Ab name incorrect: too short", short_.getMessage());
        var digit = assertThrows(SystemdException.class, () -> props("CPU2Quota", "true"));
        assertEquals("annotation org.systemd.property.CPU2Quota name incorrect: contains non-alphabetic character",
                digit.getMessage());
        var dot = assertThrows(SystemdException.class, () -> props("a.b.c", "true"));
        assertEquals("annotation org.systemd.property.a.b.c name incorrect: contains non-alphabetic character",
                dot.getMessage());
    }

    @Test
    void aValueThatDoesNotParseIsRefusedNamingTheAnnotationAndValue() {
        for (String bad : List.of("", "maybe", "'open", "[1, 'a']", "[]", "uint32 -1", "int32 3000000000",
                "byte 256", "1 2", "[1, 2", "@u 'x'", "uint64 x")) {
            var e = assertThrows(SystemdException.class, () -> props("TasksMax", bad), bad);
            String prefix = "annotation org.systemd.property.TasksMax=" + bad + " value parse error: ";
            assertEquals(true, e.getMessage().startsWith(prefix), e.getMessage());
        }
    }
}

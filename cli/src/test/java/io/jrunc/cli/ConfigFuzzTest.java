package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.SpecReader;
import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.ConfigError;
import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.Spec;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The config reader, validator and translation fuzzed: config.json files made by mutating real ones (what
 * {@code jrunc spec} writes, a podman config, a containerd CRI config, one with every field) and by writing random
 * ones, thousands per run from a fixed seed, so a failure is the same failure on every machine.
 *
 * <p>What must hold for every document, however broken: reading it ends within a few seconds; nothing throws,
 * neither the reader nor the validator nor the translation into the runtime's config; a document that is not
 * accepted is refused with errors that each name where (a JSON path starting at a top-level field of
 * config.json), the only exception being a document that is not a JSON object at all; and the two entry points,
 * {@link SpecReader#read} and {@link LoadedBundle#fromJson}, agree on whether it is accepted.
 */
class ConfigFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A generous limit: reading a config takes well under a millisecond; a hang takes forever. */
    private static final long LIMIT_SECONDS = 10;
    private static final Set<String> TOP_LEVEL = Set.of("ociVersion", "process", "root", "hostname", "domainname",
            "mounts", "hooks", "annotations", "linux");
    private static final List<JsonNode> SEEDS = seeds();
    /** Every field name the seeds use: an added field is one the reader knows, put where it may not belong. */
    private static final List<String> FIELD_NAMES = fieldNames(SEEDS);
    /** Every subtree of the seeds: a value that is well-formed somewhere, moved somewhere else. */
    private static final List<JsonNode> SUBTREES = subtrees(SEEDS);
    private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config-fuzz");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopReader() {
        READER.shutdownNow();
    }

    @Property(tries = 2000, seed = "1306", shrinking = ShrinkingMode.BOUNDED)
    void anyConfigIsEitherAcceptedOrRefusedWithErrorsThatNameAField(@ForAll("configs") byte[] config) {
        Validation<Seq<ConfigError>, Spec> read = within(() -> SpecReader.read(config));
        Either<List<String>, LoadedBundle> loaded = within(() ->
                LoadedBundle.fromJson(config, Path.of("/bundle"), false, 0));
        assertEquals(read.isValid(), loaded.isRight(), () -> "reader and loader disagree: " + loaded);
        Statistics.collect(read.isValid() ? "accepted" : "refused");
        // Some mutants must get through to the translation, or it would never be fuzzed.
        Statistics.coverage(checker -> checker.check("accepted").percentage(p -> p >= 3));
        if (read.isValid()) {
            assertNotNull(loaded.get().config());
            return;
        }
        assertFalse(read.getError().isEmpty(), "refused without a reason");
        for (ConfigError error : read.getError()) {
            assertFalse(error.message().isBlank(), () -> "an error without a message at " + error.path());
            if (error.path().isEmpty()) {
                assertTrue(error.message().startsWith("invalid JSON") || error.message().startsWith("expected an object")
                                || error.message().startsWith("cannot read config"),
                        () -> "an error that names no field: " + error);
            } else {
                assertTrue(TOP_LEVEL.contains(head(error.path())), () -> "an error at no field of config.json: " + error);
            }
        }
    }

    /** The fuzz test's finds, kept as examples: each threw from the translation before it was fixed. */
    @Example
    void aConfigWithoutProcessIsRefusedAtProcessNotThrownOn() {
        byte[] config = "{\"ociVersion\":\"1.0.2\",\"root\":{\"path\":\"rootfs\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("process: must be set"), within(() ->
                LoadedBundle.fromJson(config, Path.of("/bundle"), false, 0)).getLeft());
    }

    /** The first name in a JSON path: "process" of {@code process.rlimits[0].type}. */
    private static String head(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    /** Runs {@code read} on the reader thread; a hang or an exception fails the case. */
    private static <T> T within(Callable<T> read) {
        Future<T> result = READER.submit(read);
        try {
            return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new AssertionError("reading the config did not end within " + LIMIT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new AssertionError("reading the config threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---- what is generated

    @Provide
    Arbitrary<byte[]> configs() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, mutatedTrees().map(ConfigFuzzTest::bytes)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(mutatedTrees(), byteMutations().list().ofMaxSize(3))
                        .as((tree, changes) -> {
                            byte[] text = bytes(tree);
                            for (ByteMutation change : changes) {
                                text = change.apply(text);
                            }
                            return text;
                        })),
                net.jqwik.api.Tuple.of(1, values(3).map(ConfigFuzzTest::bytes)));
    }

    private Arbitrary<JsonNode> mutatedTrees() {
        return Combinators.combine(Arbitraries.of(SEEDS), treeMutations().list().ofMinSize(1).ofMaxSize(6))
                .as((seed, changes) -> {
                    JsonNode tree = seed.deepCopy();
                    for (TreeMutation change : changes) {
                        tree = change.apply(tree);
                    }
                    return tree;
                });
    }

    /** What is done to one node of the tree, picked by its index in a walk of the tree. */
    private enum TreeKind { REPLACE, DROP, DUPLICATE, ADD_FIELD, MOVE_SUBTREE, EMPTY }

    private record TreeMutation(TreeKind kind, int target, String name, JsonNode value, int pick) {
        JsonNode apply(JsonNode root) {
            List<Slot> slots = new ArrayList<>();
            walk(root, null, null, -1, slots);
            Slot slot = slots.get(Math.floorMod(target, slots.size()));
            return switch (kind) {
                case REPLACE -> slot.replace(root, value);
                case DROP -> slot.drop(root);
                case DUPLICATE -> slot.duplicate(root);
                case ADD_FIELD -> slot.node instanceof ObjectNode object
                        ? add(root, object, name, value) : slot.replace(root, value);
                case MOVE_SUBTREE -> slot.replace(root, SUBTREES.get(Math.floorMod(pick, SUBTREES.size())).deepCopy());
                case EMPTY -> slot.replace(root, slot.node.isArray() ? NODES.arrayNode()
                        : slot.node.isObject() ? NODES.objectNode() : NODES.textNode(""));
            };
        }

        private static JsonNode add(JsonNode root, ObjectNode object, String name, JsonNode value) {
            object.set(name, value);
            return root;
        }
    }

    /** A node and where it hangs: an object's field, an array's element, or the root. */
    private record Slot(JsonNode node, JsonNode parent, String field, int index) {
        JsonNode replace(JsonNode root, JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
                return root;
            }
            if (parent instanceof ArrayNode array) {
                array.set(index, value);
                return root;
            }
            return value;
        }

        JsonNode drop(JsonNode root) {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else if (parent instanceof ArrayNode array) {
                array.remove(index);
            } else {
                return NODES.objectNode();
            }
            return root;
        }

        JsonNode duplicate(JsonNode root) {
            if (parent instanceof ArrayNode array) {
                array.insert(index, node.deepCopy());
            } else if (parent instanceof ObjectNode object) {
                object.set(field + "s", node.deepCopy()); // a near-miss of the field's name
            }
            return root;
        }
    }

    private static void walk(JsonNode node, JsonNode parent, String field, int index, List<Slot> slots) {
        slots.add(new Slot(node, parent, field, index));
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                walk(node.get(name), node, name, -1, slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), node, null, i, slots);
            }
        }
    }

    private Arbitrary<TreeMutation> treeMutations() {
        return Combinators.combine(Arbitraries.of(TreeKind.class), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.of(FIELD_NAMES), values(2), Arbitraries.integers().between(0, 100_000))
                .as(TreeMutation::new);
    }

    /** Any JSON value, with the numbers and strings a reader trips on. */
    private Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, strings()),
                net.jqwik.api.Tuple.of(3, numbers()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false),
                        NODES.nullNode(), NODES.objectNode(), NODES.arrayNode())),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(2, 200).map(ConfigFuzzTest::deep)));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> arrays = values(depth - 1).list().ofMaxSize(4).map(elements -> {
            ArrayNode array = NODES.arrayNode();
            elements.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.of(FIELD_NAMES).list().ofMaxSize(4),
                values(depth - 1).list().ofSize(4)).as((names, fieldValues) -> {
                    ObjectNode object = NODES.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        object.set(names.get(i), fieldValues.get(i));
                    }
                    return object;
                });
        return Arbitraries.lazy(() -> Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, scalars),
                net.jqwik.api.Tuple.of(2, arrays), net.jqwik.api.Tuple.of(2, objects)));
    }

    private static Arbitrary<JsonNode> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40).map(NODES::textNode),
                Arbitraries.of("", "/", "..", "/../../etc/shadow", "relative/path", "\u0000", "a\u0000b",
                        "CAP_SYS_ADMIN", "CAP_NOPE", "RLIMIT_NOFILE", "SCMP_ACT_ERRNO", "SCMP_ARCH_X86_64", "bind",
                        "rbind", "ro", "tmpfs", "proc", "pid", "mount", "network", "user", "cgroup", "time",
                        "0-1", "0,1", "-1", "18446744073709551616", "\uD83D\uDE00", "\uFFFF", "\uD800",
                        "1.0.2-dev", "c", "b", "u", "p", "a", "rwm", "MPOL_BIND", "LINUX", "monotonic")
                        .map(NODES::textNode),
                Arbitraries.integers().between(1_000, 70_000).map(n -> NODES.textNode("x".repeat(n))));
    }

    private static Arbitrary<JsonNode> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.integers().between(-2, 70_000).map(NODES::numberNode),
                Arbitraries.of(BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                        BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE),
                        BigInteger.TEN.pow(400)).map(NODES::numberNode),
                Arbitraries.of(0.5, -0.0, 1e308, -1e308, 4.9e-324, 1.0).map(NODES::numberNode),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-1e-400"), new BigDecimal("100.000"))
                        .map(NODES::numberNode));
    }

    /** Arrays and objects nested {@code depth} deep (deeper than Jackson writes: see {@link ByteKind#DEEP}). */
    private static JsonNode deep(int depth) {
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < depth; i++) {
            if (i % 2 == 0) {
                node = NODES.arrayNode().add(node);
            } else {
                ObjectNode object = NODES.objectNode();
                object.set("linux", node);
                node = object;
            }
        }
        return node;
    }

    /** What is done to the document's bytes: what a tree cannot hold (bad UTF-8, NaN, repeated keys, cut off). */
    private enum ByteKind {
        TRUNCATE, INVALID_UTF8, NON_NUMBER, REPEATED_KEY, FLIP, BOM, TRAILING,
        /** A value nested up to 5000 deep, past the 1000 levels Jackson's reader takes, written as text. */
        DEEP
    }

    private record ByteMutation(ByteKind kind, int at, int pick) {
        private static final byte[][] INVALID_UTF8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0x80},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {0}};
        private static final String[] NON_NUMBERS = {"NaN", "-NaN", "Infinity", "-Infinity", "1e99999999", "0x10",
                "01", "-", "1.", ".5", "+1", "1e", "123456789012345678901234567890123456789012345678901234567890"};

        byte[] apply(byte[] text) {
            if (text.length == 0) {
                return text;
            }
            int pos = Math.floorMod(at, text.length);
            return switch (kind) {
                case TRUNCATE -> java.util.Arrays.copyOf(text, pos);
                case INVALID_UTF8 -> insert(text, insideString(text, pos), INVALID_UTF8[Math.floorMod(pick, INVALID_UTF8.length)]);
                case NON_NUMBER -> replaceNumber(text, pos, NON_NUMBERS[Math.floorMod(pick, NON_NUMBERS.length)]);
                case REPEATED_KEY -> repeatKey(text, pos);
                case FLIP -> {
                    byte[] copy = text.clone();
                    copy[pos] ^= (byte) (1 << Math.floorMod(pick, 8));
                    yield copy;
                }
                case BOM -> insert(text, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                case TRAILING -> insert(text, text.length, "{}".getBytes(StandardCharsets.UTF_8));
                case DEEP -> {
                    int depth = 500 + pick * 45;
                    yield replaceNumber(text, pos, "[".repeat(depth) + "1" + "]".repeat(depth));
                }
            };
        }

        /** The position just after the next quote from {@code pos}: inside a string or a key. */
        private static int insideString(byte[] text, int pos) {
            for (int i = pos; i < text.length; i++) {
                if (text[i] == '"') {
                    return i + 1;
                }
            }
            return pos;
        }

        /** The first number at or after {@code pos} replaced by {@code token}; else the token at pos. */
        private static byte[] replaceNumber(byte[] text, int pos, String token) {
            for (int i = pos; i < text.length; i++) {
                if (text[i] == ':' && i + 2 < text.length && (Character.isDigit(text[i + 2]) || text[i + 2] == '-')) {
                    int end = i + 2;
                    while (end < text.length && "0123456789-+.eE".indexOf(text[end]) >= 0) {
                        end++;
                    }
                    var out = new ByteArrayOutputStream();
                    out.write(text, 0, i + 2);
                    out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                    out.write(text, end, text.length - end);
                    return out.toByteArray();
                }
            }
            return insert(text, pos, token.getBytes(StandardCharsets.UTF_8));
        }

        /** The first {@code "key": value} pair at or after pos repeated at once, with another value first. */
        private static byte[] repeatKey(byte[] text, int pos) {
            for (int i = pos; i < text.length; i++) {
                if (text[i] == '{' && i + 1 < text.length && text[i + 1] == '"') {
                    int close = i + 2;
                    while (close < text.length && text[close] != '"') {
                        close++;
                    }
                    String key = new String(text, i + 1, close - i, StandardCharsets.UTF_8);
                    return insert(text, i + 1, (key + ":[1,{}],").getBytes(StandardCharsets.UTF_8));
                }
            }
            return text;
        }

        private static byte[] insert(byte[] text, int pos, byte[] bytes) {
            var out = new ByteArrayOutputStream();
            out.write(text, 0, pos);
            out.writeBytes(bytes);
            out.write(text, pos, text.length - pos);
            return out.toByteArray();
        }
    }

    private Arbitrary<ByteMutation> byteMutations() {
        return Combinators.combine(Arbitraries.of(ByteKind.class), Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.integers().between(0, 100)).as(ByteMutation::new);
    }

    // ---- the seeds

    private static List<JsonNode> seeds() {
        var seeds = new ArrayList<JsonNode>();
        try {
            seeds.add(JSON.readTree(SpecWriter.write(DefaultSpecs.runc())));
            for (String name : List.of("runc-spec.json", "podman.json", "cri-containerd.json", "every-field.json")) {
                try (InputStream in = ConfigFuzzTest.class.getResourceAsStream("/configs/" + name)) {
                    seeds.add(JSON.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(seeds);
    }

    private static List<String> fieldNames(List<JsonNode> seeds) {
        var names = new TreeSet<String>();
        var slots = new ArrayList<Slot>();
        seeds.forEach(seed -> walk(seed, null, null, -1, slots));
        slots.stream().filter(s -> s.field != null).forEach(s -> names.add(s.field));
        return List.copyOf(names);
    }

    private static List<JsonNode> subtrees(List<JsonNode> seeds) {
        var slots = new ArrayList<Slot>();
        seeds.forEach(seed -> walk(seed, null, null, -1, slots));
        return slots.stream().map(Slot::node).filter(n -> n.isContainerNode()).toList();
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            return fail(e);
        }
    }
}

package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.Capability;
import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.SeccompAction;
import io.jrunc.domain.config.SeccompArch;
import io.jrunc.domain.config.SeccompFlag;
import io.jrunc.domain.config.SeccompOperator;
import io.jrunc.domain.config.SpecEnum;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jrunc features} against what jrunc does with a config: everything it advertises must get through the
 * config reader, the validator and the refusals of what is not built yet, exactly as a bundle's config.json
 * does at create; and every value the model knows but it leaves out must be refused there (or be missing from
 * this host). The configs are written here as JSON, not by the code that made the document.
 */
class FeaturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The hook kinds of config.md, as the spec names them. */
    private static final List<String> SPEC_HOOKS = List.of("prestart", "createRuntime", "createContainer",
            "startContainer", "poststart", "poststop");
    /** Every key of features.md and features-linux.md as of runtime-spec 1.2 (annotations' own keys aside). */
    private static final Set<String> SPEC_KEYS = Set.of("ociVersionMin", "ociVersionMax", "hooks", "mountOptions",
            "linux", "linux.namespaces", "linux.capabilities", "linux.cgroup", "linux.cgroup.v1", "linux.cgroup.v2",
            "linux.cgroup.systemd", "linux.cgroup.systemdUser", "linux.cgroup.rdma", "linux.seccomp",
            "linux.seccomp.enabled", "linux.seccomp.actions", "linux.seccomp.operators", "linux.seccomp.archs",
            "linux.seccomp.knownFlags", "linux.seccomp.supportedFlags", "linux.apparmor", "linux.apparmor.enabled",
            "linux.selinux", "linux.selinux.enabled", "linux.intelRdt", "linux.intelRdt.enabled",
            "linux.mountExtensions", "linux.mountExtensions.idmap", "linux.mountExtensions.idmap.enabled",
            "annotations", "potentiallyUnsafeConfigAnnotations");

    private static String printed;
    private static JsonNode features;

    @BeforeAll
    static void features() throws IOException {
        Cli cli = Cli.run("--backend", "fake", "features");
        assertEquals(0, cli.status, cli.toString());
        assertEquals("", cli.err);
        printed = cli.out;
        features = JSON.readTree(printed);
    }

    // ---- the document's shape --------------------------------------------------------------------------------

    @Test
    void isPrintedAsGoPrintsItWithFourSpaceIndentsAndAFinalNewline() {
        assertTrue(printed.startsWith("{\n    \"ociVersionMin\": \"1.0.0\",\n    \"ociVersionMax\": \""
                + VersionProvider.SPEC + "\",\n"), printed);
        assertTrue(printed.endsWith("\n}\n"), printed);
        assertTrue(printed.contains("\n    \"linux\": {\n        \"namespaces\": [\n            \"cgroup\",\n"),
                printed);
        assertTrue(printed.contains("\n        \"cgroup\": {\n            \"v1\": true,\n"), printed);
    }

    @Test
    void itsKeysAreTheSpecsInTheOrderOfItsGoTypes() {
        List<String> keys = keys(features, "");
        assertTrue(SPEC_KEYS.containsAll(keys), "not in the spec: " + minus(keys, SPEC_KEYS));
        List<String> order = List.of("ociVersionMin", "ociVersionMax", "hooks", "mountOptions", "linux",
                "annotations", "potentiallyUnsafeConfigAnnotations");
        List<String> top = new ArrayList<>();
        features.fieldNames().forEachRemaining(top::add);
        assertEquals(order.stream().filter(top::contains).toList(), top);
        List<String> linux = new ArrayList<>();
        features.get("linux").fieldNames().forEachRemaining(linux::add);
        assertEquals(List.of("namespaces", "capabilities", "cgroup", "seccomp", "apparmor", "selinux", "intelRdt",
                "mountExtensions"), linux);
    }

    /**
     * runc's own document (runc 1.1.5 here) uses the same keys: every key runc prints is the spec's, and jrunc
     * prints it too, unless it is a list jrunc leaves empty (Go's omitempty leaves it out).
     */
    @Test
    void itsKeysAreThoseRuncPrints() throws Exception {
        Optional<JsonNode> runc = runcFeatures();
        Assumptions.assumeTrue(runc.isPresent(), "runc is not installed: the spec's keys are checked above");
        List<String> runcKeys = keys(runc.get(), "");
        List<String> ours = keys(features, "");
        assertTrue(SPEC_KEYS.containsAll(runcKeys), "runc prints keys the test does not know: "
                + minus(runcKeys, SPEC_KEYS));
        for (String key : runcKeys) {
            if (!ours.contains(key)) {
                assertTrue(at(runc.get(), key).isArray(), "runc prints " + key + ", jrunc does not");
            }
        }
        assertEquals(runc.get().get("ociVersionMin"), features.get("ociVersionMin"));
        assertTrue(features.get("annotations").has("io.github.seccomp.libseccomp.version")
                        == runc.get().get("annotations").has("io.github.seccomp.libseccomp.version"),
                "the libseccomp version annotation, as runc's");
    }

    @Test
    void theAnnotationsNameThisBuildAndTheUnsafeOnesThoseJruncActsOn() {
        JsonNode annotations = features.get("annotations");
        assertEquals(VersionProvider.VERSION, annotations.get("io.jrunc.version").asText());
        assertEquals(BuildCommit.DESCRIBE, annotations.get("io.jrunc.commit").asText());
        assertEquals("fake", annotations.get("io.jrunc.backend").asText());
        assertEquals(List.of("org.systemd.property."), strings(features.get("potentiallyUnsafeConfigAnnotations")));
    }

    @Test
    void takesNoArguments() {
        Cli cli = Cli.run("--backend", "fake", "features", "extra");
        assertEquals(1, cli.status, cli.toString());
        assertEquals("", cli.out);
    }

    // ---- advertised means accepted, and left out means refused ------------------------------------------------

    @Test
    void everyAdvertisedHookIsAcceptedAndEveryOtherRefused() {
        List<String> advertised = strings(features.get("hooks"));
        for (String kind : SPEC_HOOKS) {
            boolean accepted = accepted(c -> {
                ObjectNode hook = c.putObject("hooks").putArray(kind).addObject();
                hook.put("path", "/bin/true");
            });
            assertEquals(advertised.contains(kind), accepted, "hooks." + kind);
        }
    }

    @Test
    void everyAdvertisedMountOptionIsAccepted() {
        List<String> options = strings(features.get("mountOptions"));
        assertTrue(options.containsAll(List.of("ro", "nosuid", "nodev", "noexec", "bind", "rbind", "rprivate")),
                options.toString());
        assertTrue(options.containsAll(List.of("idmap", "ridmap")), options.toString());
        for (String option : options) {
            if (option.equals("idmap") || option.equals("ridmap")) {
                // A bind's option, taking the mappings of the container's user namespace.
                assertTrue(accepted(c -> {
                    ObjectNode l = (ObjectNode) c.get("linux");
                    ((ArrayNode) l.get("namespaces")).addObject().put("type", "user");
                    for (String map : List.of("uidMappings", "gidMappings")) {
                        l.putArray(map).addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
                    }
                    mounts(c).addObject().put("destination", "/probe").put("type", "bind").put("source", "/tmp")
                            .putArray("options").add("rbind").add(option);
                }), option);
                assertFalse(accepted(c -> mounts(c).addObject().put("destination", "/probe").put("type", "tmpfs")
                        .put("source", "tmpfs").putArray("options").add(option)), option + " on a tmpfs");
                continue;
            }
            assertTrue(accepted(c -> mounts(c).addObject().put("destination", "/probe").put("type", "tmpfs")
                    .put("source", "tmpfs").putArray("options").add(option)), option);
        }
    }

    @Test
    void everyAdvertisedNamespaceIsAcceptedAndEveryOtherRefused() {
        List<String> advertised = strings(features.get("linux").get("namespaces"));
        for (NamespaceType type : NamespaceType.values()) {
            boolean accepted = accepted(c -> {
                ObjectNode linux = (ObjectNode) c.get("linux");
                ArrayNode namespaces = (ArrayNode) linux.get("namespaces");
                if (!namespaces.findValuesAsText("type").contains(type.spec())) { // the default has five
                    namespaces.addObject().put("type", type.spec());
                }
                if (type == NamespaceType.USER) {
                    linux.putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000)
                            .put("size", 65536);
                    linux.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000)
                            .put("size", 65536);
                }
            });
            assertEquals(advertised.contains(type.spec()), accepted, type.spec());
        }
    }

    @Test
    void everyCapabilityIsAdvertisedInTheKernelsOrderAndAccepted() {
        List<String> advertised = strings(features.get("linux").get("capabilities"));
        List<String> all = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            all.add(capability.spec());
            boolean accepted = accepted(c -> {
                ObjectNode caps = ((ObjectNode) c.get("process")).putObject("capabilities");
                for (String set : List.of("bounding", "effective", "inheritable", "permitted", "ambient")) {
                    caps.putArray(set).add(capability.spec());
                }
            });
            assertEquals(advertised.contains(capability.spec()), accepted, capability.spec());
        }
        assertEquals(all.stream().filter(advertised::contains).toList(), advertised);
    }

    @Test
    void everyAdvertisedSeccompActionIsAcceptedAndEveryOtherRefusedOrMissingFromTheKernel() throws IOException {
        JsonNode seccomp = features.get("linux").get("seccomp");
        List<String> advertised = strings(seccomp.get("actions"));
        Optional<Set<String>> kernel = FeaturesCommand.kernelActions(Path.of("/proc/sys/kernel/seccomp/actions_avail"));
        for (SeccompAction action : SeccompAction.values()) {
            boolean accepted = accepted(c -> {
                ObjectNode s = seccomp(c);
                if (action == SeccompAction.NOTIFY) {
                    s.put("listenerPath", "/run/agent.sock");
                }
                s.putArray("syscalls").addObject().put("action", action.spec()).putArray("names").add("acct");
            });
            boolean inKernel = kernel.map(words -> words.contains(kernelWord(action))).orElse(true);
            assertEquals(advertised.contains(action.spec()), accepted && inKernel, action.spec());
        }
    }

    @Test
    void everyAdvertisedSeccompOperatorIsAcceptedAndEveryOtherRefused() {
        List<String> advertised = strings(features.get("linux").get("seccomp").get("operators"));
        for (SeccompOperator op : SeccompOperator.values()) {
            boolean accepted = accepted(c -> {
                ObjectNode rule = seccomp(c).putArray("syscalls").addObject().put("action", "SCMP_ACT_ERRNO");
                rule.putArray("names").add("acct");
                rule.putArray("args").addObject().put("index", 0).put("value", 1).put("valueTwo", 1).put("op", op.spec());
            });
            assertEquals(advertised.contains(op.spec()), accepted, op.spec());
        }
    }

    /** The fake backend's libseccomp knows every architecture; the real ones are checked in FeaturesRealTest. */
    @Test
    void everyAdvertisedSeccompArchIsAcceptedAndEveryOtherRefused() {
        List<String> advertised = strings(features.get("linux").get("seccomp").get("archs"));
        assertEquals(names(SeccompArch.values()).stream().sorted().toList(), advertised);
        for (SeccompArch arch : SeccompArch.values()) {
            assertTrue(accepted(c -> seccomp(c).putArray("architectures").add(arch.spec())), arch.spec());
        }
    }

    @Test
    void everyKnownSeccompFlagIsAcceptedAndTheSupportedOnesAreThoseTheKernelTakes() {
        JsonNode seccomp = features.get("linux").get("seccomp");
        List<String> known = strings(seccomp.get("knownFlags"));
        List<String> supported = strings(seccomp.get("supportedFlags"));
        for (SeccompFlag flag : SeccompFlag.values()) {
            boolean accepted = accepted(c -> seccomp(c).putArray("flags").add(flag.spec()));
            assertEquals(known.contains(flag.spec()), accepted, flag.spec());
        }
        assertTrue(known.containsAll(supported), supported.toString());
        // The fake kernel is Linux 5.19's: WAIT_KILLABLE_RECV needs a listener, which no config gets yet.
        assertEquals(List.of("SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"),
                supported);
    }

    @Test
    void theSwitchesSayWhetherSuchAConfigIsAccepted() {
        JsonNode linux = features.get("linux");
        assertEquals(linux.get("apparmor").get("enabled").asBoolean(),
                accepted(c -> ((ObjectNode) c.get("process")).put("apparmorProfile", "docker-default")));
        assertEquals(linux.get("selinux").get("enabled").asBoolean(),
                accepted(c -> ((ObjectNode) c.get("process")).put("selinuxLabel", "system_u:system_r:container_t:s0")));
        assertEquals(linux.get("intelRdt").get("enabled").asBoolean(),
                accepted(c -> ((ObjectNode) c.get("linux")).putObject("intelRdt").put("closID", "gold")));
        assertEquals(linux.get("cgroup").get("rdma").asBoolean(),
                accepted(c -> ((ObjectNode) ((ObjectNode) c.get("linux")).get("resources")).putObject("rdma")
                        .putObject("mlx4_0").put("hcaHandles", 2)));
        assertEquals(linux.get("mountExtensions").get("idmap").get("enabled").asBoolean(), accepted(c -> {
            ObjectNode l = (ObjectNode) c.get("linux");
            ((ArrayNode) l.get("namespaces")).addObject().put("type", "user");
            for (String map : List.of("uidMappings", "gidMappings")) {
                l.putArray(map).addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
            }
            ObjectNode mount = mounts(c).addObject().put("destination", "/data").put("type", "bind")
                    .put("source", "/tmp");
            mount.putArray("options").add("bind");
            for (String map : List.of("uidMappings", "gidMappings")) {
                mount.putArray(map).addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
            }
        }));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** runc's default config without a terminal, changed as given, read as create reads a bundle's. */
    private static boolean accepted(Consumer<ObjectNode> change) {
        ObjectNode config = (ObjectNode) SpecWriter.tree(DefaultSpecs.runc());
        ((ObjectNode) config.get("process")).put("terminal", false);
        change.accept(config);
        byte[] json = config.toString().getBytes(StandardCharsets.UTF_8);
        Either<List<String>, LoadedBundle> loaded = LoadedBundle.fromJson(json, Path.of("/bundle"), false, 0);
        return loaded.isRight() && loaded.get().unsupported().isEmpty();
    }

    private static ObjectNode seccomp(ObjectNode config) {
        ObjectNode seccomp = ((ObjectNode) config.get("linux")).putObject("seccomp");
        seccomp.put("defaultAction", "SCMP_ACT_ALLOW");
        return seccomp;
    }

    private static ArrayNode mounts(ObjectNode config) {
        return (ArrayNode) config.get("mounts");
    }

    private static String kernelWord(SeccompAction action) {
        return switch (action) {
            case KILL, KILL_THREAD -> "kill_thread";
            case KILL_PROCESS -> "kill_process";
            case NOTIFY -> "user_notif";
            default -> action.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static List<String> names(SpecEnum[] values) {
        List<String> names = new ArrayList<>();
        for (SpecEnum value : values) {
            names.add(value.spec());
        }
        return names;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** Every key path of the document, dotted; the annotations' own keys are the runtime's, not the spec's. */
    private static List<String> keys(JsonNode node, String prefix) {
        List<String> keys = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            keys.add(path);
            if (node.get(name).isObject() && !path.equals("annotations")) {
                keys.addAll(keys(node.get(name), path));
            }
        }
        return keys;
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.split("\\.")) {
            at = at.get(part);
        }
        return at;
    }

    private static Set<String> minus(List<String> keys, Set<String> known) {
        Set<String> extra = new TreeSet<>(keys);
        extra.removeAll(known);
        return extra;
    }

    /** `runc features`, where runc is installed. */
    private static Optional<JsonNode> runcFeatures() throws Exception {
        Path runc = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "runc"))) {
                runc = Path.of(dir, "runc");
                break;
            }
        }
        if (runc == null) {
            return Optional.empty();
        }
        Process process = new ProcessBuilder(runc.toString(), "features").redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertFalse(out.length == 0);
        return Optional.of(JSON.readTree(out));
    }
}

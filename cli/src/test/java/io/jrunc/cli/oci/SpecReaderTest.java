package io.jrunc.cli.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.domain.config.Capability;
import io.jrunc.domain.config.ConfigError;
import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.Spec;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SpecReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static byte[] config(String name) {
        try (InputStream in = SpecReaderTest.class.getResourceAsStream("/configs/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Spec valid(String name) {
        Validation<Seq<ConfigError>, Spec> result = SpecReader.read(config(name));
        assertTrue(result.isValid(), () -> name + ": " + result.getError().mkString("\n"));
        return result.get();
    }

    private static List<String> errors(String name) {
        Validation<Seq<ConfigError>, Spec> result = SpecReader.read(config(name));
        assertTrue(result.isInvalid(), name + " should not be valid");
        return result.getError().map(ConfigError::toString).toJavaList();
    }

    @Test
    void whatRuncSpecWritesReadsAsTheDefaultSpec() {
        assertEquals(DefaultSpecs.runc().toBuilder().ociVersion("1.0.2-dev").build(), valid("runc-spec.json"));
    }

    @Test
    void aPodmanConfigReadsWithMountsHooksSeccompAndLabels() {
        Spec spec = valid("podman.json");
        Linux linux = spec.linux().orElseThrow();
        assertEquals(12, spec.mounts().size());
        assertEquals(List.of("rbind", "ro", "rprivate"), spec.mounts().get(10).options());
        assertEquals(11, spec.process().orElseThrow().capabilities().orElseThrow().bounding().size());
        assertEquals(Optional.of("containers-default-0.57.4"), spec.process().orElseThrow().apparmorProfile());
        assertEquals(List.of(1000L, 10L), spec.process().orElseThrow().user().additionalGids());
        assertEquals(OptionalLong.of(18), spec.process().orElseThrow().user().umask());
        assertEquals(java.util.OptionalInt.of(10), spec.hooks().orElseThrow().createRuntime().get(0).timeout());
        assertEquals(5, spec.annotations().size());
        assertEquals(Optional.of("/run/netns/netns-6a3f"), linux.namespace(NamespaceType.NETWORK).orElseThrow().path());
        assertEquals(4294967295L, linux.seccomp().orElseThrow().syscalls().get(3).args().get(0).value());
        assertEquals(OptionalLong.of(38), linux.seccomp().orElseThrow().defaultErrnoRet());
        assertEquals(Optional.of("machine.slice:libpod:6a3f"), linux.cgroupsPath());
    }

    @Test
    void aContainerdCriConfigReadsWithSystemdCgroupsPathUnifiedAndDevices() {
        Spec spec = valid("cri-containerd.json");
        Linux linux = spec.linux().orElseThrow();
        Resources resources = linux.resources().orElseThrow();
        assertEquals(Optional.of("kubepods-besteffort-pod2f4b6d1e_9f2a_4c8e_a7b3_1d2c3e4f5a6b.slice:cri-containerd:0b1c"),
                linux.cgroupsPath());
        assertEquals(Map.of("memory.oom.group", "1", "memory.swap.max", "0"), resources.unified());
        assertEquals(5, resources.devices().size());
        assertEquals(OptionalLong.empty(), resources.devices().get(3).minor());
        assertEquals(java.util.OptionalInt.of(0666), linux.devices().get(0).fileMode());
        assertEquals(java.util.OptionalInt.of(-998), spec.process().orElseThrow().oomScoreAdj());
        assertEquals(List.of(Capability.CHOWN, Capability.DAC_OVERRIDE),
                spec.process().orElseThrow().capabilities().orElseThrow().effective().subList(0, 2));
    }

    @Test
    void aConfigWithEveryFieldSurvivesReadWriteRead() {
        Spec spec = valid("every-field.json");
        assertEquals(spec, SpecReader.read(SpecWriter.write(spec).getBytes(java.nio.charset.StandardCharsets.UTF_8)).get());
        assertEquals(-1L, spec.process().orElseThrow().rlimits().get(0).hard(), "RLIM_INFINITY kept as unsigned");
    }

    @Test
    void writingAConfigWithEveryFieldGivesBackTheSameJsonLessUnknownProperties() throws IOException {
        Spec spec = valid("every-field.json");
        ObjectNode original = (ObjectNode) MAPPER.readTree(config("every-field.json"));
        original.remove(List.of("windows", "unknownFutureField"));
        assertEquals(original, MAPPER.readTree(SpecWriter.write(spec)));
    }

    @Test
    void wrongTypesAtEveryDepthAreAllReportedWithTheirPaths() {
        assertEquals(List.of(
                "ociVersion: expected a string, got 1.2",
                "process.terminal: expected a boolean, got \"yes\"",
                "process.user.uid: expected an unsigned 32-bit integer, got \"abc\"",
                "process.user.gid: expected an unsigned 32-bit integer, got -1",
                "process.user.additionalGids[1]: expected an unsigned 32-bit integer, got \"two\"",
                "process.args: expected an array, got \"sh -c true\"",
                "process.rlimits[0].hard: expected an unsigned 64-bit integer, got 1.5",
                "process.oomScoreAdj: expected a 32-bit integer, got 4294967296",
                "root.path: expected a string, got an array",
                "mounts: expected an array, got an object",
                "linux.resources.memory.limit: expected a 64-bit integer, got \"1G\"",
                "linux.resources.cpu.shares: expected an unsigned 64-bit integer, got -2",
                "linux.resources.blockIO.weight: expected an unsigned 16-bit integer, got 70000",
                "linux.namespaces[1]: expected an object, got \"uts\"",
                "linux.namespaces[2].type: is required",
                "linux.maskedPaths[0]: expected a string, got 1"), errors("broken-types.json"));
    }

    @Test
    void unknownEnumValuesAreAllReportedThenTheSemanticErrors() {
        assertEquals(List.of(
                "process.capabilities.bounding[1]: unknown capability \"CAP_FLY\"",
                "process.rlimits[0].type: unknown rlimit \"RLIMIT_FOO\"",
                "process.ioPriority.class: unknown I/O priority class \"IOPRIO_CLASS_FAST\"",
                "linux.namespaces[6].type: unknown namespace \"bogus\"",
                "linux.devices[0].type: unknown device type \"z\"",
                "linux.seccomp.defaultAction: unknown seccomp action \"SCMP_ACT_MAYBE\"",
                "linux.seccomp.architectures[0]: unknown seccomp architecture \"SCMP_ARCH_Z80\"",
                "linux.seccomp.syscalls[0].args[0].op: unknown seccomp operator \"SCMP_CMP_ABOUT\"",
                "linux.rootfsPropagation: unknown rootfs propagation \"sideways\"",
                "linux.personality.domain: unknown personality domain \"BSD\"",
                "linux.timeOffsets[\"realtime\"]: unknown clock \"realtime\""), errors("broken-enums.json"));
    }

    @Test
    void invalidJsonIsOneErrorWithLineAndColumn() {
        List<String> errors = errors("invalid-json.json");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("invalid JSON at line 5, column 3: Unexpected character ('\"'"),
                errors.get(0));
    }

    @Test
    void aDocumentThatIsNotAnObjectIsReported() {
        assertEquals(List.of("expected an object, got an array"),
                SpecReader.read("[]".getBytes()).getError().map(ConfigError::toString).toJavaList());
    }

    @Test
    void semanticErrorsComeWithParseErrorsInOneResult() {
        String json = "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
                + " \"process\": {\"args\": [\"sh\"], \"cwd\": \"tmp\", \"user\": {\"uid\": true}}}";
        assertEquals(List.of("process.user.uid: expected an unsigned 32-bit integer, got true",
                "process.cwd: must be an absolute path, got \"tmp\""),
                SpecReader.read(json.getBytes()).getError().map(ConfigError::toString).toJavaList());
    }
}

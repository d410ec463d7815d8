package io.jrunc.cli.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrunc.domain.config.Clock;
import io.jrunc.domain.config.Device;
import io.jrunc.domain.config.DeviceType;
import io.jrunc.domain.config.IdMapping;
import io.jrunc.domain.config.IntelRdt;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.MemoryPolicy;
import io.jrunc.domain.config.MemoryPolicyFlag;
import io.jrunc.domain.config.MemoryPolicyMode;
import io.jrunc.domain.config.Namespace;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.NetDevice;
import io.jrunc.domain.config.Personality;
import io.jrunc.domain.config.PersonalityDomain;
import io.jrunc.domain.config.RootfsPropagation;
import io.jrunc.domain.config.Seccomp;
import io.jrunc.domain.config.SeccompAction;
import io.jrunc.domain.config.SeccompArch;
import io.jrunc.domain.config.SeccompArg;
import io.jrunc.domain.config.SeccompFlag;
import io.jrunc.domain.config.SeccompOperator;
import io.jrunc.domain.config.SeccompSyscall;
import io.jrunc.domain.config.SpecEnums;
import io.jrunc.domain.config.TimeOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The {@code linux} section of config.json (config-linux.md); resources are read by {@link ResourcesReader}. */
final class LinuxReader {
    private final JsonFields json;
    private final ResourcesReader resources;

    LinuxReader(JsonFields json) {
        this.json = json;
        this.resources = new ResourcesReader(json);
    }

    Optional<Linux> linux(JsonNode node, String path) {
        return Optional.of(new Linux(
                json.list(node, "uidMappings", path, this::idMapping),
                json.list(node, "gidMappings", path, this::idMapping),
                json.stringMap(node, "sysctl", path),
                json.object(node, "resources", path, resources::resources),
                json.string(node, "cgroupsPath", path),
                json.list(node, "namespaces", path, this::namespace),
                json.list(node, "devices", path, this::device),
                json.map(node, "netDevices", path, (n, p) -> json.asObject(n, p)
                        ? Optional.of(new NetDevice(json.string(n, "name", p))) : Optional.empty()),
                json.object(node, "seccomp", path, this::seccomp),
                json.enumeration(node, "rootfsPropagation", path, RootfsPropagation.class, "rootfs propagation"),
                json.strings(node, "maskedPaths", path),
                json.strings(node, "readonlyPaths", path),
                json.string(node, "mountLabel", path),
                json.object(node, "intelRdt", path, this::intelRdt),
                json.object(node, "memoryPolicy", path, this::memoryPolicy),
                json.object(node, "personality", path, this::personality),
                timeOffsets(node, path)));
    }

    Optional<IdMapping> idMapping(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        return Optional.of(new IdMapping(json.uint32(node, "containerID", path).orElse(0),
                json.uint32(node, "hostID", path).orElse(0), json.uint32(node, "size", path).orElse(0)));
    }

    private Optional<Namespace> namespace(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        Optional<NamespaceType> type = json.requiredEnumeration(node, "type", path, NamespaceType.class, "namespace");
        Optional<String> nsPath = json.string(node, "path", path);
        return type.map(t -> new Namespace(t, nsPath));
    }

    private Optional<Device> device(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        Optional<DeviceType> type = json.requiredEnumeration(node, "type", path, DeviceType.class, "device type");
        String devicePath = json.requiredString(node, "path", path);
        long major = json.int64(node, "major", path).orElse(0);
        long minor = json.int64(node, "minor", path).orElse(0);
        // Go's os.FileMode is a uint32; mode bits beyond the permissions are caught by the validator.
        OptionalLong mode = json.uint32(node, "fileMode", path);
        OptionalInt fileMode = mode.isPresent() ? OptionalInt.of((int) mode.getAsLong()) : OptionalInt.empty();
        OptionalLong uid = json.uint32(node, "uid", path);
        OptionalLong gid = json.uint32(node, "gid", path);
        return type.map(t -> new Device(t, devicePath, major, minor, fileMode, uid, gid));
    }

    private Optional<Seccomp> seccomp(JsonNode node, String path) {
        Optional<SeccompAction> defaultAction = json.requiredEnumeration(node, "defaultAction", path,
                SeccompAction.class, "seccomp action");
        OptionalLong defaultErrnoRet = json.uint32(node, "defaultErrnoRet", path);
        List<SeccompArch> architectures = json.enums(node, "architectures", path, SeccompArch.class,
                "seccomp architecture");
        List<SeccompFlag> flags = json.enums(node, "flags", path, SeccompFlag.class, "seccomp flag");
        Optional<String> listenerPath = json.string(node, "listenerPath", path);
        Optional<String> listenerMetadata = json.string(node, "listenerMetadata", path);
        List<SeccompSyscall> syscalls = json.list(node, "syscalls", path, this::syscall);
        return defaultAction.map(a -> new Seccomp(a, defaultErrnoRet, architectures, flags, listenerPath,
                listenerMetadata, syscalls));
    }

    private Optional<SeccompSyscall> syscall(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        List<String> names = json.strings(node, "names", path);
        Optional<SeccompAction> action = json.requiredEnumeration(node, "action", path, SeccompAction.class,
                "seccomp action");
        OptionalLong errnoRet = json.uint32(node, "errnoRet", path);
        List<SeccompArg> args = json.list(node, "args", path, this::seccompArg);
        return action.map(a -> new SeccompSyscall(names, a, errnoRet, args));
    }

    private Optional<SeccompArg> seccompArg(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        long index = json.uint32(node, "index", path).orElse(0);
        long value = json.uint64(node, "value", path).orElse(0);
        long valueTwo = json.uint64(node, "valueTwo", path).orElse(0);
        Optional<SeccompOperator> op = json.requiredEnumeration(node, "op", path, SeccompOperator.class,
                "seccomp operator");
        return op.map(o -> new SeccompArg(index, value, valueTwo, o));
    }

    private Optional<IntelRdt> intelRdt(JsonNode node, String path) {
        return Optional.of(new IntelRdt(json.string(node, "closID", path), json.string(node, "schemata", path),
                json.string(node, "l3CacheSchema", path), json.string(node, "memBwSchema", path),
                json.bool(node, "enableMonitoring", path), json.bool(node, "enableCMT", path),
                json.bool(node, "enableMBM", path)));
    }

    private Optional<MemoryPolicy> memoryPolicy(JsonNode node, String path) {
        Optional<MemoryPolicyMode> mode = json.requiredEnumeration(node, "mode", path, MemoryPolicyMode.class,
                "memory policy mode");
        String nodes = json.requiredString(node, "nodes", path);
        List<MemoryPolicyFlag> flags = json.enums(node, "flags", path, MemoryPolicyFlag.class, "memory policy flag");
        return mode.map(m -> new MemoryPolicy(m, nodes, flags));
    }

    private Optional<Personality> personality(JsonNode node, String path) {
        Optional<PersonalityDomain> domain = json.requiredEnumeration(node, "domain", path, PersonalityDomain.class,
                "personality domain");
        List<String> flags = json.strings(node, "flags", path);
        return domain.map(d -> new Personality(d, flags));
    }

    /** Keys are clock names, so they are checked like enum values, at the key's own path. */
    private Map<Clock, TimeOffset> timeOffsets(JsonNode node, String path) {
        Map<String, TimeOffset> byName = json.map(node, "timeOffsets", path, (n, p) -> json.asObject(n, p)
                ? Optional.of(new TimeOffset(json.int64(n, "secs", p).orElse(0), json.uint32(n, "nanosecs", p).orElse(0)))
                : Optional.empty());
        var offsets = new LinkedHashMap<Clock, TimeOffset>();
        byName.forEach((name, offset) -> {
            Optional<Clock> clock = SpecEnums.parse(Clock.class, name);
            if (clock.isPresent()) {
                offsets.put(clock.get(), offset);
            } else {
                json.error(JsonFields.key(JsonFields.child(path, "timeOffsets"), name), "unknown clock \"" + name + "\"");
            }
        });
        return offsets;
    }
}

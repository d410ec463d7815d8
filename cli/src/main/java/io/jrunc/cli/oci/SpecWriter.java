package io.jrunc.cli.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Capabilities;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.Device;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.domain.config.Hook;
import io.jrunc.domain.config.Hooks;
import io.jrunc.domain.config.IdMapping;
import io.jrunc.domain.config.IntelRdt;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Mount;
import io.jrunc.domain.config.Process;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.Seccomp;
import io.jrunc.domain.config.SeccompSyscall;
import io.jrunc.domain.config.Spec;
import io.jrunc.domain.config.SpecEnum;
import io.jrunc.domain.config.ThrottleDevice;
import io.jrunc.domain.config.User;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes a {@link Spec} as config.json exactly as runc would: fields in specs-go/config.go order, left out where
 * Go's {@code omitempty} leaves them out (empty strings and lists, false, zero non-pointer numbers, nil pointers),
 * map keys sorted as Go's encoder sorts them, tab-indented, without a trailing newline.
 */
public final class SpecWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpecWriter() {}

    public static String write(Spec spec) {
        return GoJson.print(tree(spec));
    }

    /** The JSON tree {@link #write} prints; tests compare it with runc's output field by field. */
    public static JsonNode tree(Spec spec) {
        ObjectNode o = NODES.objectNode();
        o.put("ociVersion", spec.ociVersion());
        spec.process().ifPresent(p -> o.set("process", process(p)));
        spec.root().ifPresent(r -> {
            ObjectNode root = o.putObject("root");
            root.put("path", r.path());
            bool(root, "readonly", r.readonly());
        });
        string(o, "hostname", spec.hostname());
        string(o, "domainname", spec.domainname());
        list(o, "mounts", spec.mounts(), SpecWriter::mount);
        spec.hooks().ifPresent(h -> o.set("hooks", hooks(h)));
        map(o, "annotations", spec.annotations(), NODES::textNode);
        spec.linux().ifPresent(l -> o.set("linux", linux(l)));
        return o;
    }

    private static ObjectNode process(Process p) {
        ObjectNode o = NODES.objectNode();
        bool(o, "terminal", p.terminal());
        p.consoleSize().ifPresent(c -> {
            ObjectNode size = o.putObject("consoleSize");
            size.put("height", c.height());
            size.put("width", c.width());
        });
        o.set("user", user(p.user()));
        strings(o, "args", p.args());
        string(o, "commandLine", p.commandLine());
        strings(o, "env", p.env());
        o.put("cwd", p.cwd());
        p.capabilities().ifPresent(c -> o.set("capabilities", capabilities(c)));
        list(o, "rlimits", p.rlimits(), r -> {
            ObjectNode rlimit = NODES.objectNode();
            rlimit.put("type", r.type().spec());
            rlimit.set("hard", unsigned(r.hard()));
            rlimit.set("soft", unsigned(r.soft()));
            return rlimit;
        });
        bool(o, "noNewPrivileges", p.noNewPrivileges());
        string(o, "apparmorProfile", p.apparmorProfile());
        number(o, "oomScoreAdj", p.oomScoreAdj());
        p.scheduler().ifPresent(s -> {
            ObjectNode scheduler = o.putObject("scheduler");
            scheduler.put("policy", s.policy().spec());
            nonZeroSigned(scheduler, "nice", s.nice());
            nonZeroSigned(scheduler, "priority", s.priority());
            enums(scheduler, "flags", s.flags());
            nonZero(scheduler, "runtime", s.runtime());
            nonZero(scheduler, "deadline", s.deadline());
            nonZero(scheduler, "period", s.period());
        });
        string(o, "selinuxLabel", p.selinuxLabel());
        p.ioPriority().ifPresent(io -> {
            ObjectNode priority = o.putObject("ioPriority");
            priority.put("class", io.ioClass().spec());
            priority.put("priority", io.priority());
        });
        p.execCPUAffinity().ifPresent(a -> {
            ObjectNode affinity = o.putObject("execCPUAffinity");
            string(affinity, "initial", a.initial());
            string(affinity, "final", a.finalAffinity());
        });
        return o;
    }

    private static ObjectNode user(User u) {
        ObjectNode o = NODES.objectNode();
        o.put("uid", u.uid());
        o.put("gid", u.gid());
        number(o, "umask", u.umask());
        list(o, "additionalGids", u.additionalGids(), NODES::numberNode);
        string(o, "username", u.username());
        return o;
    }

    private static ObjectNode capabilities(Capabilities c) {
        ObjectNode o = NODES.objectNode();
        enums(o, "bounding", c.bounding());
        enums(o, "effective", c.effective());
        enums(o, "inheritable", c.inheritable());
        enums(o, "permitted", c.permitted());
        enums(o, "ambient", c.ambient());
        return o;
    }

    private static ObjectNode mount(Mount m) {
        ObjectNode o = NODES.objectNode();
        o.put("destination", m.destination());
        string(o, "type", m.type());
        string(o, "source", m.source());
        strings(o, "options", m.options());
        list(o, "uidMappings", m.uidMappings(), SpecWriter::idMapping);
        list(o, "gidMappings", m.gidMappings(), SpecWriter::idMapping);
        return o;
    }

    private static ObjectNode idMapping(IdMapping m) {
        ObjectNode o = NODES.objectNode();
        o.put("containerID", m.containerID());
        o.put("hostID", m.hostID());
        o.put("size", m.size());
        return o;
    }

    private static ObjectNode hooks(Hooks h) {
        ObjectNode o = NODES.objectNode();
        list(o, "prestart", h.prestart(), SpecWriter::hook);
        list(o, "createRuntime", h.createRuntime(), SpecWriter::hook);
        list(o, "createContainer", h.createContainer(), SpecWriter::hook);
        list(o, "startContainer", h.startContainer(), SpecWriter::hook);
        list(o, "poststart", h.poststart(), SpecWriter::hook);
        list(o, "poststop", h.poststop(), SpecWriter::hook);
        return o;
    }

    private static ObjectNode hook(Hook h) {
        ObjectNode o = NODES.objectNode();
        o.put("path", h.path());
        strings(o, "args", h.args());
        strings(o, "env", h.env());
        number(o, "timeout", h.timeout());
        return o;
    }

    private static ObjectNode linux(Linux l) {
        ObjectNode o = NODES.objectNode();
        list(o, "uidMappings", l.uidMappings(), SpecWriter::idMapping);
        list(o, "gidMappings", l.gidMappings(), SpecWriter::idMapping);
        map(o, "sysctl", l.sysctl(), NODES::textNode);
        l.resources().ifPresent(r -> o.set("resources", resources(r)));
        string(o, "cgroupsPath", l.cgroupsPath());
        list(o, "namespaces", l.namespaces(), ns -> {
            ObjectNode n = NODES.objectNode();
            n.put("type", ns.type().spec());
            string(n, "path", ns.path());
            return n;
        });
        list(o, "devices", l.devices(), SpecWriter::device);
        map(o, "netDevices", l.netDevices(), d -> {
            ObjectNode n = NODES.objectNode();
            string(n, "name", d.name());
            return n;
        });
        l.seccomp().ifPresent(s -> o.set("seccomp", seccomp(s)));
        l.rootfsPropagation().ifPresent(p -> o.put("rootfsPropagation", p.spec()));
        strings(o, "maskedPaths", l.maskedPaths());
        strings(o, "readonlyPaths", l.readonlyPaths());
        string(o, "mountLabel", l.mountLabel());
        l.intelRdt().ifPresent(r -> o.set("intelRdt", intelRdt(r)));
        l.memoryPolicy().ifPresent(m -> {
            ObjectNode policy = o.putObject("memoryPolicy");
            policy.put("mode", m.mode().spec());
            policy.put("nodes", m.nodes());
            enums(policy, "flags", m.flags());
        });
        l.personality().ifPresent(p -> {
            ObjectNode personality = o.putObject("personality");
            personality.put("domain", p.domain().spec());
            strings(personality, "flags", p.flags());
        });
        if (!l.timeOffsets().isEmpty()) {
            var byName = new TreeMap<String, JsonNode>();
            l.timeOffsets().forEach((clock, offset) -> {
                ObjectNode n = NODES.objectNode();
                nonZeroSigned(n, "secs", offset.secs());
                nonZero(n, "nanosecs", offset.nanosecs());
                byName.put(clock.spec(), n);
            });
            o.putObject("timeOffsets").setAll(byName);
        }
        return o;
    }

    private static ObjectNode device(Device d) {
        ObjectNode o = NODES.objectNode();
        o.put("path", d.path());
        o.put("type", d.type().spec());
        o.put("major", d.major());
        o.put("minor", d.minor());
        number(o, "fileMode", d.fileMode());
        number(o, "uid", d.uid());
        number(o, "gid", d.gid());
        return o;
    }

    static ObjectNode resources(Resources r) {
        ObjectNode o = NODES.objectNode();
        list(o, "devices", r.devices(), SpecWriter::deviceRule);
        r.memory().ifPresent(m -> o.set("memory", memory(m)));
        r.cpu().ifPresent(c -> o.set("cpu", cpu(c)));
        r.pids().ifPresent(p -> o.putObject("pids").put("limit", p.limit()));
        r.blockIO().ifPresent(b -> o.set("blockIO", blockIo(b)));
        list(o, "hugepageLimits", r.hugepageLimits(), h -> {
            ObjectNode n = NODES.objectNode();
            n.put("pageSize", h.pageSize());
            n.set("limit", unsigned(h.limit()));
            return n;
        });
        r.network().ifPresent(n -> {
            ObjectNode network = o.putObject("network");
            number(network, "classID", n.classID());
            list(network, "priorities", n.priorities(), p -> {
                ObjectNode priority = NODES.objectNode();
                priority.put("name", p.name());
                priority.put("priority", p.priority());
                return priority;
            });
        });
        map(o, "rdma", r.rdma(), rdma -> {
            ObjectNode n = NODES.objectNode();
            number(n, "hcaHandles", rdma.hcaHandles());
            number(n, "hcaObjects", rdma.hcaObjects());
            return n;
        });
        map(o, "unified", r.unified(), NODES::textNode);
        return o;
    }

    private static ObjectNode deviceRule(DeviceRule d) {
        ObjectNode o = NODES.objectNode();
        o.put("allow", d.allow());
        d.type().ifPresent(t -> o.put("type", t.spec()));
        number(o, "major", d.major());
        number(o, "minor", d.minor());
        string(o, "access", d.access());
        return o;
    }

    private static ObjectNode memory(Memory m) {
        ObjectNode o = NODES.objectNode();
        number(o, "limit", m.limit());
        number(o, "reservation", m.reservation());
        number(o, "swap", m.swap());
        number(o, "kernel", m.kernel());
        number(o, "kernelTCP", m.kernelTCP());
        m.swappiness().ifPresent(s -> o.set("swappiness", unsigned(s)));
        m.disableOOMKiller().ifPresent(b -> o.put("disableOOMKiller", b));
        m.useHierarchy().ifPresent(b -> o.put("useHierarchy", b));
        m.checkBeforeUpdate().ifPresent(b -> o.put("checkBeforeUpdate", b));
        return o;
    }

    private static ObjectNode cpu(Cpu c) {
        ObjectNode o = NODES.objectNode();
        c.shares().ifPresent(v -> o.set("shares", unsigned(v)));
        number(o, "quota", c.quota());
        c.burst().ifPresent(v -> o.set("burst", unsigned(v)));
        c.period().ifPresent(v -> o.set("period", unsigned(v)));
        number(o, "realtimeRuntime", c.realtimeRuntime());
        c.realtimePeriod().ifPresent(v -> o.set("realtimePeriod", unsigned(v)));
        string(o, "cpus", c.cpus());
        string(o, "mems", c.mems());
        number(o, "idle", c.idle());
        return o;
    }

    private static ObjectNode blockIo(BlockIo b) {
        ObjectNode o = NODES.objectNode();
        number(o, "weight", b.weight());
        number(o, "leafWeight", b.leafWeight());
        list(o, "weightDevice", b.weightDevice(), w -> {
            ObjectNode n = NODES.objectNode();
            n.put("major", w.major());
            n.put("minor", w.minor());
            number(n, "weight", w.weight());
            number(n, "leafWeight", w.leafWeight());
            return n;
        });
        list(o, "throttleReadBpsDevice", b.throttleReadBpsDevice(), SpecWriter::throttle);
        list(o, "throttleWriteBpsDevice", b.throttleWriteBpsDevice(), SpecWriter::throttle);
        list(o, "throttleReadIOPSDevice", b.throttleReadIOPSDevice(), SpecWriter::throttle);
        list(o, "throttleWriteIOPSDevice", b.throttleWriteIOPSDevice(), SpecWriter::throttle);
        return o;
    }

    private static ObjectNode throttle(ThrottleDevice t) {
        ObjectNode o = NODES.objectNode();
        o.put("major", t.major());
        o.put("minor", t.minor());
        o.set("rate", unsigned(t.rate()));
        return o;
    }

    private static ObjectNode seccomp(Seccomp s) {
        ObjectNode o = NODES.objectNode();
        o.put("defaultAction", s.defaultAction().spec());
        number(o, "defaultErrnoRet", s.defaultErrnoRet());
        enums(o, "architectures", s.architectures());
        enums(o, "flags", s.flags());
        string(o, "listenerPath", s.listenerPath());
        string(o, "listenerMetadata", s.listenerMetadata());
        list(o, "syscalls", s.syscalls(), SpecWriter::syscall);
        return o;
    }

    private static ObjectNode syscall(SeccompSyscall s) {
        ObjectNode o = NODES.objectNode();
        // names has no omitempty in specs-go, so it is written even when empty.
        ArrayNode names = o.putArray("names");
        s.names().forEach(names::add);
        o.put("action", s.action().spec());
        number(o, "errnoRet", s.errnoRet());
        list(o, "args", s.args(), a -> {
            ObjectNode n = NODES.objectNode();
            n.put("index", a.index());
            n.set("value", unsigned(a.value()));
            if (a.valueTwo() != 0) {
                n.set("valueTwo", unsigned(a.valueTwo()));
            }
            n.put("op", a.op().spec());
            return n;
        });
        return o;
    }

    private static ObjectNode intelRdt(IntelRdt r) {
        ObjectNode o = NODES.objectNode();
        string(o, "closID", r.closID());
        string(o, "schemata", r.schemata());
        string(o, "l3CacheSchema", r.l3CacheSchema());
        string(o, "memBwSchema", r.memBwSchema());
        bool(o, "enableMonitoring", r.enableMonitoring());
        bool(o, "enableCMT", r.enableCMT());
        bool(o, "enableMBM", r.enableMBM());
        return o;
    }

    // --- omitempty helpers ---

    private static void string(ObjectNode o, String name, Optional<String> value) {
        value.filter(v -> !v.isEmpty()).ifPresent(v -> o.put(name, v));
    }

    private static void bool(ObjectNode o, String name, boolean value) {
        if (value) {
            o.put(name, true);
        }
    }

    private static void number(ObjectNode o, String name, OptionalLong value) {
        value.ifPresent(v -> o.put(name, v));
    }

    private static void number(ObjectNode o, String name, OptionalInt value) {
        value.ifPresent(v -> o.put(name, v));
    }

    /** A Go non-pointer signed number with omitempty. */
    private static void nonZeroSigned(ObjectNode o, String name, long value) {
        if (value != 0) {
            o.put(name, value);
        }
    }

    /** A Go non-pointer unsigned number with omitempty. */
    private static void nonZero(ObjectNode o, String name, long value) {
        if (value != 0) {
            o.set(name, unsigned(value));
        }
    }

    private static JsonNode unsigned(long value) {
        return value >= 0 ? NODES.numberNode(value) : NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
    }

    private static void strings(ObjectNode o, String name, List<String> values) {
        list(o, name, values, NODES::textNode);
    }

    private static <E extends SpecEnum> void enums(ObjectNode o, String name, List<E> values) {
        list(o, name, values, e -> NODES.textNode(e.spec()));
    }

    private static <T> void list(ObjectNode o, String name, List<T> values, Function<T, JsonNode> element) {
        if (!values.isEmpty()) {
            ArrayNode array = o.putArray(name);
            values.forEach(v -> array.add(element.apply(v)));
        }
    }

    /** Go's encoder writes map keys sorted, whatever order the file had. */
    private static <T> void map(ObjectNode o, String name, Map<String, T> values, Function<T, JsonNode> value) {
        if (!values.isEmpty()) {
            var sorted = new TreeMap<String, JsonNode>();
            values.forEach((k, v) -> sorted.put(k, value.apply(v)));
            o.putObject(name).setAll(sorted);
        }
    }
}

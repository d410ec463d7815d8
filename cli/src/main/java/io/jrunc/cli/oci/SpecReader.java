package io.jrunc.cli.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrunc.domain.config.Capabilities;
import io.jrunc.domain.config.Capability;
import io.jrunc.domain.config.ConfigError;
import io.jrunc.domain.config.ConsoleSize;
import io.jrunc.domain.config.ExecCpuAffinity;
import io.jrunc.domain.config.Hook;
import io.jrunc.domain.config.Hooks;
import io.jrunc.domain.config.IoPriority;
import io.jrunc.domain.config.IoPriorityClass;
import io.jrunc.domain.config.Mount;
import io.jrunc.domain.config.Process;
import io.jrunc.domain.config.Rlimit;
import io.jrunc.domain.config.RlimitType;
import io.jrunc.domain.config.Root;
import io.jrunc.domain.config.Scheduler;
import io.jrunc.domain.config.SchedulerFlag;
import io.jrunc.domain.config.SchedulerPolicy;
import io.jrunc.domain.config.Spec;
import io.jrunc.domain.config.SpecValidator;
import io.jrunc.domain.config.User;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a config.json into the domain {@link Spec}, walking Jackson's tree by hand so that every type error,
 * unknown enum value and semantic error ({@link SpecValidator}) comes back at once, each with its JSON path.
 * Unknown properties are ignored, as config.md requires.
 */
public final class SpecReader {

    private final JsonFields json = new JsonFields();
    private final LinuxReader linux = new LinuxReader(json);

    private SpecReader() {}

    public static Validation<Seq<ConfigError>, Spec> read(Path configJson) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(configJson);
        } catch (IOException e) {
            return invalid(List.of(new ConfigError("", "cannot read " + configJson + ": " + e.getMessage())));
        }
        return read(bytes);
    }

    public static Validation<Seq<ConfigError>, Spec> read(byte[] configJson) {
        JsonNode tree;
        try {
            tree = JsonTrees.read(configJson);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return invalid(List.of(new ConfigError("", "invalid JSON" + where + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            return invalid(List.of(new ConfigError("", "cannot read config: " + e.getMessage())));
        }
        if (tree == null || tree.isMissingNode()) {
            return invalid(List.of(new ConfigError("", "invalid JSON: the document is empty")));
        }
        return new SpecReader().spec(tree);
    }

    private static Validation<Seq<ConfigError>, Spec> invalid(List<ConfigError> errors) {
        return Validation.invalid(Vector.ofAll(errors));
    }

    private Validation<Seq<ConfigError>, Spec> spec(JsonNode root) {
        if (!json.asObject(root, "")) {
            return invalid(json.errors());
        }
        Spec spec = new Spec(
                json.requiredString(root, "ociVersion", ""),
                json.object(root, "process", "", this::process),
                json.object(root, "root", "", this::root),
                json.string(root, "hostname", ""),
                json.string(root, "domainname", ""),
                json.list(root, "mounts", "", this::mount),
                json.object(root, "hooks", "", this::hooks),
                json.stringMap(root, "annotations", ""),
                json.object(root, "linux", "", linux::linux));
        // Parse errors first, then the semantic ones, except those about a value that didn't parse or that
        // contains one: a cwd that isn't a string needn't also be "not absolute", nor an rlimit whose hard limit
        // didn't parse "soft above hard".
        List<ConfigError> parseErrors = json.errors();
        var errors = new ArrayList<>(parseErrors);
        for (ConfigError error : SpecValidator.errors(spec)) {
            if (parseErrors.stream().noneMatch(parse -> within(error.path(), parse.path())
                    || within(parse.path(), error.path()))) {
                errors.add(error);
            }
        }
        return errors.isEmpty() ? Validation.valid(spec) : invalid(errors);
    }

    private static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    private Optional<Process> process(JsonNode node, String path) {
        return Optional.of(new Process(
                json.bool(node, "terminal", path),
                json.object(node, "consoleSize", path, (n, p) -> Optional.of(new ConsoleSize(
                        json.uint32(n, "height", p).orElse(0), json.uint32(n, "width", p).orElse(0)))),
                json.object(node, "user", path, this::user).orElse(User.of(0, 0)),
                json.strings(node, "args", path),
                json.string(node, "commandLine", path),
                json.strings(node, "env", path),
                json.requiredString(node, "cwd", path),
                json.object(node, "capabilities", path, this::capabilities),
                json.list(node, "rlimits", path, this::rlimit),
                json.bool(node, "noNewPrivileges", path),
                json.string(node, "apparmorProfile", path),
                json.int32(node, "oomScoreAdj", path),
                json.object(node, "scheduler", path, this::scheduler),
                json.string(node, "selinuxLabel", path),
                json.object(node, "ioPriority", path, this::ioPriority),
                json.object(node, "execCPUAffinity", path, (n, p) -> Optional.of(new ExecCpuAffinity(
                        json.string(n, "initial", p), json.string(n, "final", p))))));
    }

    private Optional<User> user(JsonNode node, String path) {
        return Optional.of(new User(
                json.uint32(node, "uid", path).orElse(0),
                json.uint32(node, "gid", path).orElse(0),
                json.uint32(node, "umask", path),
                json.list(node, "additionalGids", path, json::asUint32),
                json.string(node, "username", path)));
    }

    private Optional<Capabilities> capabilities(JsonNode node, String path) {
        return Optional.of(new Capabilities(caps(node, "bounding", path), caps(node, "effective", path),
                caps(node, "inheritable", path), caps(node, "permitted", path), caps(node, "ambient", path)));
    }

    private List<Capability> caps(JsonNode node, String name, String path) {
        return json.enums(node, name, path, Capability.class, "capability");
    }

    private Optional<Rlimit> rlimit(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        Optional<RlimitType> type = json.requiredEnumeration(node, "type", path, RlimitType.class, "rlimit");
        OptionalLong hard = json.uint64(node, "hard", path);
        OptionalLong soft = json.uint64(node, "soft", path);
        return type.map(t -> new Rlimit(t, hard.orElse(0), soft.orElse(0)));
    }

    private Optional<Scheduler> scheduler(JsonNode node, String path) {
        Optional<SchedulerPolicy> policy = json.requiredEnumeration(node, "policy", path, SchedulerPolicy.class,
                "scheduler policy");
        int nice = json.int32(node, "nice", path).orElse(0);
        int priority = json.int32(node, "priority", path).orElse(0);
        List<SchedulerFlag> flags = json.enums(node, "flags", path, SchedulerFlag.class, "scheduler flag");
        long runtime = json.uint64(node, "runtime", path).orElse(0);
        long deadline = json.uint64(node, "deadline", path).orElse(0);
        long period = json.uint64(node, "period", path).orElse(0);
        return policy.map(p -> new Scheduler(p, nice, priority, flags, runtime, deadline, period));
    }

    private Optional<IoPriority> ioPriority(JsonNode node, String path) {
        Optional<IoPriorityClass> ioClass = json.requiredEnumeration(node, "class", path, IoPriorityClass.class,
                "I/O priority class");
        int priority = json.int32(node, "priority", path).orElse(0);
        return ioClass.map(c -> new IoPriority(c, priority));
    }

    private Optional<Root> root(JsonNode node, String path) {
        return Optional.of(new Root(json.requiredString(node, "path", path), json.bool(node, "readonly", path)));
    }

    private Optional<Mount> mount(JsonNode node, String path) {
        if (!json.asObject(node, path)) {
            return Optional.empty();
        }
        return Optional.of(new Mount(
                json.requiredString(node, "destination", path),
                json.string(node, "type", path),
                json.string(node, "source", path),
                json.strings(node, "options", path),
                json.list(node, "uidMappings", path, linux::idMapping),
                json.list(node, "gidMappings", path, linux::idMapping)));
    }

    private Optional<Hooks> hooks(JsonNode node, String path) {
        return Optional.of(new Hooks(hookList(node, "prestart", path), hookList(node, "createRuntime", path),
                hookList(node, "createContainer", path), hookList(node, "startContainer", path),
                hookList(node, "poststart", path), hookList(node, "poststop", path)));
    }

    private List<Hook> hookList(JsonNode node, String name, String path) {
        return json.list(node, name, path, (n, p) -> {
            if (!json.asObject(n, p)) {
                return Optional.empty();
            }
            OptionalInt timeout = json.int32(n, "timeout", p);
            return Optional.of(new Hook(json.requiredString(n, "path", p), json.strings(n, "args", p),
                    json.strings(n, "env", p), timeout));
        });
    }
}

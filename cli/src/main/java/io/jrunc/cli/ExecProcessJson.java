package io.jrunc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.JsonTrees;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The config an exec runs with: the container's frozen config.json with its {@code process} replaced, by a whole
 * process.json (--process) or by the container's own process changed as exec's flags say (runc's getProcess). The
 * result is read, validated and converted like any config.json, so a process.json is checked by the same
 * validator, under the same JSON paths ("process.cwd"), as create checks a config's process.
 */
final class ExecProcessJson {
    /** exec's flags, as runc's getProcess applies them to the container's process. */
    record Overrides(List<String> args, Optional<String> cwd, List<String> env, Optional<String> user,
                     List<String> additionalGids, List<String> caps, boolean noNewPrivs, Optional<String> apparmor,
                     Optional<String> processLabel, boolean tty) {
    }

    private ExecProcessJson() {
    }

    /** The frozen config with the process of {@code processJson}; its errors are the reader's. */
    static Either<String, byte[]> withProcessFile(byte[] config, byte[] processJson) {
        JsonNode process;
        try {
            process = JsonTrees.read(processJson);
        } catch (IOException e) {
            return Either.left("invalid process.json: " + e.getMessage());
        }
        if (process == null || process.isMissingNode()) {
            return Either.left("invalid process.json: the document is empty");
        }
        return withProcess(config, process);
    }

    /** The frozen config with its own process changed by exec's flags. */
    static Either<String, byte[]> withOverrides(byte[] config, Overrides o) {
        ObjectNode root;
        try {
            JsonNode tree = JsonTrees.read(config);
            if (!(tree instanceof ObjectNode object) || !(object.get("process") instanceof ObjectNode)) {
                return Either.left("the container's config.json has no process");
            }
            root = object;
        } catch (IOException e) {
            return Either.left("the container's config.json: " + e.getMessage());
        }
        ObjectNode p = ((ObjectNode) root.get("process")).deepCopy();
        p.set("args", strings(o.args()));
        o.cwd().ifPresent(cwd -> p.put("cwd", cwd));
        o.apparmor().ifPresent(profile -> p.put("apparmorProfile", profile));
        o.processLabel().ifPresent(label -> p.put("selinuxLabel", label));
        if (!o.caps().isEmpty()) {
            // runc 1.1 adds each to the bounding, effective, permitted and ambient sets (an ambient one is raised
            // only where it is inheritable too).
            ObjectNode caps = p.get("capabilities") instanceof ObjectNode c ? c : p.putObject("capabilities");
            for (String set : List.of("bounding", "effective", "permitted", "ambient")) {
                ArrayNode list = caps.get(set) instanceof ArrayNode a ? a : caps.putArray(set);
                o.caps().forEach(list::add);
            }
        }
        ArrayNode env = p.get("env") instanceof ArrayNode e ? e : p.putArray("env");
        o.env().forEach(env::add);
        // As runc: a terminal only when --tty says so, whatever the container's own process had.
        p.put("terminal", o.tty());
        if (o.noNewPrivs()) {
            p.put("noNewPrivileges", true);
        }
        ObjectNode user = p.get("user") instanceof ObjectNode u ? u : p.putObject("user");
        if (o.user().isPresent()) {
            String[] ids = o.user().get().split(":", 2);
            if (ids.length > 1) {
                Optional<Long> gid = parse(ids[1]);
                if (gid.isEmpty()) {
                    return Either.left("parsing " + ids[1] + " as int for gid failed: strconv.Atoi: parsing \""
                            + ids[1] + "\": invalid syntax");
                }
                user.put("gid", gid.get());
            }
            Optional<Long> uid = parse(ids[0]);
            if (uid.isEmpty()) {
                return Either.left("parsing " + ids[0] + " as int for uid failed: strconv.Atoi: parsing \""
                        + ids[0] + "\": invalid syntax");
            }
            user.put("uid", uid.get());
        }
        if (!o.additionalGids().isEmpty()) {
            ArrayNode gids = user.get("additionalGids") instanceof ArrayNode g ? g : user.putArray("additionalGids");
            for (String text : o.additionalGids()) {
                Optional<Long> gid = parse(text);
                if (gid.isEmpty()) {
                    return Either.left("invalid value \"" + text + "\" for flag -additional-gids: parse error");
                }
                if (gid.get() < 0) {
                    return Either.left("additional-gids must be a positive number " + gid.get());
                }
                gids.add(gid.get());
            }
        }
        return withProcess(config, p);
    }

    /** Whether the exec's config asks for a terminal (process.terminal true). */
    static boolean hasTerminal(byte[] config) {
        try {
            return JsonTrees.read(config).path("process").path("terminal").asBoolean(false);
        } catch (IOException e) {
            return false; // the loader reports it
        }
    }

    /**
     * The exec's config with process.consoleSize set to {@code rows} x {@code columns}: a foreground `exec -t` sizes
     * its pty as the caller's terminal before the program runs (runc resizes it only once the program runs, so a
     * quick `stty size` may still read 0 0 there).
     */
    static Either<String, byte[]> withConsoleSize(byte[] config, int rows, int columns) {
        JsonNode tree;
        try {
            tree = JsonTrees.read(config);
        } catch (IOException e) {
            return Either.left("the exec's config.json: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode root) || !(root.get("process") instanceof ObjectNode process)) {
            return Either.left("the exec's config.json has no process");
        }
        process.putObject("consoleSize").put("height", rows).put("width", columns);
        return Either.right(JsonTrees.write(root, null));
    }

    private static Either<String, byte[]> withProcess(byte[] config, JsonNode process) {
        JsonNode tree;
        try {
            tree = JsonTrees.read(config);
        } catch (IOException e) {
            return Either.left("the container's config.json: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode root)) {
            return Either.left("the container's config.json is not an object");
        }
        root.set("process", process);
        return Either.right(JsonTrees.write(root, null));
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonTrees.NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** Go's strconv.Atoi: an optional sign and decimal digits. */
    private static Optional<Long> parse(String text) {
        if (!text.matches("[+-]?[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}

package io.jrunc.cli.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.domain.config.ConfigError;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.lifecycle.ConfigResources;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * LinuxResources JSON: the {@code runc update --resources} document (paths in errors start at its top, e.g.
 * {@code memory.limit}), and the {@code linux.resources} of a container's frozen config.json, read and rewritten.
 */
public final class ResourcesJson implements ConfigResources {
    private static final String AT = "linux.resources";

    /** A whole LinuxResources document; every mistake in it at once, each with its JSON path. */
    public static Validation<Seq<ConfigError>, Resources> parse(byte[] json) {
        Either<ConfigError, JsonNode> tree = tree(json);
        if (tree.isLeft()) {
            return Validation.invalid(Vector.of(tree.getLeft()));
        }
        JsonFields fields = new JsonFields();
        if (!fields.asObject(tree.get(), "")) {
            return Validation.invalid(Vector.ofAll(fields.errors()));
        }
        Resources resources = new ResourcesReader(fields).resources(tree.get(), "").orElseThrow();
        return fields.errors().isEmpty() ? Validation.valid(resources) : Validation.invalid(Vector.ofAll(fields.errors()));
    }

    @Override
    public Either<String, Optional<Resources>> read(byte[] configJson) {
        Either<ConfigError, JsonNode> tree = tree(configJson);
        if (tree.isLeft()) {
            return Either.left(tree.getLeft().toString());
        }
        JsonNode resources = tree.get().path("linux").path("resources");
        if (resources.isMissingNode() || resources.isNull()) {
            return Either.right(Optional.empty());
        }
        JsonFields fields = new JsonFields();
        if (!fields.asObject(resources, AT)) {
            return Either.left(messages(fields.errors()));
        }
        Optional<Resources> read = new ResourcesReader(fields).resources(resources, AT);
        return fields.errors().isEmpty() ? Either.right(read) : Either.left(messages(fields.errors()));
    }

    @Override
    public byte[] withResources(byte[] configJson, Resources resources) {
        JsonNode root = tree(configJson).getOrElseThrow(e -> new IllegalArgumentException(e.toString()));
        if (!root.isObject()) {
            throw new IllegalArgumentException("config.json is not a JSON object");
        }
        JsonNode linux = root.path("linux");
        ObjectNode linuxObject = linux.isObject() ? (ObjectNode) linux : ((ObjectNode) root).putObject("linux");
        linuxObject.set("resources", SpecWriter.resources(resources));
        return GoJson.print(root).getBytes(StandardCharsets.UTF_8);
    }

    private static Either<ConfigError, JsonNode> tree(byte[] json) {
        try {
            JsonNode tree = JsonTrees.read(json);
            if (tree == null || tree.isMissingNode()) {
                return Either.left(new ConfigError("", "invalid JSON: the document is empty"));
            }
            return Either.right(tree);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Either.left(new ConfigError("", "invalid JSON" + where + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            return Either.left(new ConfigError("", "cannot read JSON: " + e.getMessage()));
        }
    }

    private static String messages(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("; "));
    }
}

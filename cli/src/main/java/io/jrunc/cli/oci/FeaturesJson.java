package io.jrunc.cli.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.domain.runtime.Features;
import java.util.List;
import java.util.TreeMap;

/**
 * The features document as {@code runc features} prints it: Go's encoder with four-space indents and a
 * newline at the end, the keys in the order of the spec's Go types, and what Go's {@code omitempty} leaves
 * out left out (empty lists and maps). A false switch is printed: false is an answer, absent means unknown.
 */
public final class FeaturesJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FeaturesJson() {
    }

    public static String write(Features features) {
        return GoJson.print(tree(features), "    ") + "\n";
    }

    static ObjectNode tree(Features f) {
        ObjectNode root = NODES.objectNode();
        root.put("ociVersionMin", f.ociVersionMin());
        root.put("ociVersionMax", f.ociVersionMax());
        strings(root, "hooks", f.hooks());
        strings(root, "mountOptions", f.mountOptions());
        root.set("linux", linux(f.linux()));
        if (!f.annotations().isEmpty()) {
            ObjectNode annotations = root.putObject("annotations");
            new TreeMap<>(f.annotations()).forEach(annotations::put); // Go prints a map's keys sorted
        }
        strings(root, "potentiallyUnsafeConfigAnnotations", f.potentiallyUnsafeConfigAnnotations());
        return root;
    }

    private static ObjectNode linux(Features.Linux l) {
        ObjectNode linux = NODES.objectNode();
        strings(linux, "namespaces", l.namespaces());
        strings(linux, "capabilities", l.capabilities());
        ObjectNode cgroup = linux.putObject("cgroup");
        cgroup.put("v1", l.cgroup().v1());
        cgroup.put("v2", l.cgroup().v2());
        cgroup.put("systemd", l.cgroup().systemd());
        cgroup.put("systemdUser", l.cgroup().systemdUser());
        cgroup.put("rdma", l.cgroup().rdma());
        l.seccomp().ifPresent(s -> {
            ObjectNode seccomp = linux.putObject("seccomp");
            seccomp.put("enabled", true);
            strings(seccomp, "actions", s.actions());
            strings(seccomp, "operators", s.operators());
            strings(seccomp, "archs", s.archs());
            strings(seccomp, "knownFlags", s.knownFlags());
            strings(seccomp, "supportedFlags", s.supportedFlags());
        });
        linux.putObject("apparmor").put("enabled", l.apparmor());
        linux.putObject("selinux").put("enabled", l.selinux());
        linux.putObject("intelRdt").put("enabled", l.intelRdt());
        linux.putObject("mountExtensions").putObject("idmap").put("enabled", l.idmapMounts());
        return linux;
    }

    private static void strings(ObjectNode parent, String key, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = parent.putArray(key);
            values.forEach(array::add);
        }
    }
}

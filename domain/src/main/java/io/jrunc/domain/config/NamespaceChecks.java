package io.jrunc.domain.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that tie settings to the namespaces they need. */
final class NamespaceChecks {
    // runc validate.sysctl: these kernel.* sysctls belong to the IPC namespace.
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
            "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    private NamespaceChecks() {}

    // config-linux.md: a namespace type MUST NOT be listed twice; runc specconv: "duplicated ns".
    static void unique(Spec spec, List<ConfigError> errors) {
        spec.linux().ifPresent(linux -> {
            var seen = EnumSet.noneOf(NamespaceType.class);
            for (int i = 0; i < linux.namespaces().size(); i++) {
                NamespaceType type = linux.namespaces().get(i).type();
                if (!seen.add(type)) {
                    errors.add(new ConfigError("linux.namespaces[" + i + "].type",
                            "duplicate namespace \"" + type.spec() + "\""));
                }
            }
        });
    }

    // runc validate.uts: "unable to set hostname without a private UTS namespace" (same for domainname).
    // Like runc, a joined UTS namespace counts: the check is that one is configured, not that it is new.
    static void uts(Spec spec, List<ConfigError> errors) {
        boolean uts = has(spec, NamespaceType.UTS);
        if (spec.hostname().isPresent() && !uts) {
            errors.add(new ConfigError("hostname", "requires a UTS namespace"));
        }
        if (spec.domainname().isPresent() && !uts) {
            errors.add(new ConfigError("domainname", "requires a UTS namespace"));
        }
    }

    // runc validate.usernamespace: mappings without a user namespace mean nothing, and a new user namespace
    // without mappings leaves every id unmapped (the spec: mappings apply to a new user namespace).
    static void user(Spec spec, List<ConfigError> errors) {
        spec.linux().ifPresent(linux -> {
            var userns = linux.namespace(NamespaceType.USER);
            if (userns.isEmpty()) {
                if (!linux.uidMappings().isEmpty()) {
                    errors.add(new ConfigError("linux.uidMappings", "requires a user namespace"));
                }
                if (!linux.gidMappings().isEmpty()) {
                    errors.add(new ConfigError("linux.gidMappings", "requires a user namespace"));
                }
            } else if (userns.get().isNew()) {
                // runc's words
                if (linux.uidMappings().isEmpty()) {
                    errors.add(new ConfigError("linux.uidMappings", "User namespaces enabled, but no uid mappings found."));
                }
                if (linux.gidMappings().isEmpty()) {
                    errors.add(new ConfigError("linux.gidMappings", "User namespaces enabled, but no gid mappings found."));
                }
            }
            if (userns.isPresent()) {
                // A joined one's given mappings too: its root is the runtime's to map.
                IdMappingChecks.root(linux, errors);
            }
            IdMappingChecks.ranges("linux.uidMappings", linux.uidMappings(), errors);
            IdMappingChecks.ranges("linux.gidMappings", linux.gidMappings(), errors);
        });
    }

    // runc validate.timens: "time namespace offsets specified, but time namespace isn't enabled in the config".
    static void time(Spec spec, List<ConfigError> errors) {
        spec.linux().ifPresent(linux -> {
            if (!linux.timeOffsets().isEmpty() && !linux.hasNamespace(NamespaceType.TIME)) {
                errors.add(new ConfigError("linux.timeOffsets", "requires a time namespace"));
            }
        });
    }

    // runc validate.sysctl: a sysctl may be set only if the container has the namespace that scopes it;
    // anything else would change the host.
    static void sysctl(Spec spec, List<ConfigError> errors) {
        spec.linux().ifPresent(linux -> {
            for (Map.Entry<String, String> entry : linux.sysctl().entrySet()) {
                String key = entry.getKey();
                String path = "linux.sysctl[\"" + key + "\"]";
                NamespaceType needed = namespaceOf(key);
                if (needed == null) {
                    errors.add(new ConfigError(path, "is not in a separate kernel namespace"));
                } else if (!linux.hasNamespace(needed)) {
                    errors.add(new ConfigError(path, "requires a" + (needed == NamespaceType.IPC ? "n " : " ")
                            + needed.spec() + " namespace"));
                }
            }
        });
    }

    private static NamespaceType namespaceOf(String sysctl) {
        if (IPC_SYSCTLS.contains(sysctl) || sysctl.startsWith("fs.mqueue.")) {
            return NamespaceType.IPC;
        }
        if (sysctl.startsWith("net.")) {
            return NamespaceType.NETWORK;
        }
        if (sysctl.equals("kernel.hostname") || sysctl.equals("kernel.domainname")) {
            return NamespaceType.UTS;
        }
        return null;
    }

    /**
     * Without a mount namespace of its own (new or joined) the container shares its caller's, and jrunc makes no
     * mount there: it chroots into the rootfs and leaves the caller's mount table, root and propagation as they
     * were. So what takes a mount is refused. runc's validator refuses the masked and read-only paths ("unable to
     * restrict sys entries without a private MNT namespace"); runc would make the others in its caller's
     * namespace, where they outlive the container.
     */
    static void mountNamespace(Spec spec, List<ConfigError> errors) {
        if (has(spec, NamespaceType.MOUNT)) {
            return;
        }
        spec.linux().ifPresent(linux -> {
            if (!linux.maskedPaths().isEmpty()) {
                errors.add(new ConfigError("linux.maskedPaths", "requires a mount namespace"));
            }
            if (!linux.readonlyPaths().isEmpty()) {
                errors.add(new ConfigError("linux.readonlyPaths", "requires a mount namespace"));
            }
            if (linux.rootfsPropagation().isPresent()) {
                errors.add(new ConfigError("linux.rootfsPropagation", "requires a mount namespace"));
            }
        });
        if (!spec.mounts().isEmpty()) {
            errors.add(new ConfigError("mounts", "requires a mount namespace (jrunc mounts nothing in its caller's)"));
        }
        if (spec.root().map(Root::readonly).orElse(false)) {
            errors.add(new ConfigError("root.readonly", "requires a mount namespace"));
        }
    }

    // config-linux.md "Network Devices": moving devices needs the container's own network namespace, and
    // names must be valid interface names (dev_valid_name: at most 15 bytes, no '/', ':' or whitespace).
    static void netDevices(Spec spec, List<ConfigError> errors) {
        spec.linux().ifPresent(linux -> {
            if (!linux.netDevices().isEmpty() && !linux.hasNamespace(NamespaceType.NETWORK)) {
                errors.add(new ConfigError("linux.netDevices", "requires a network namespace"));
            }
            // Devices go into a namespace the container makes, and come back from it on delete: one it joins
            // belongs to someone else (and would keep them when the container goes).
            boolean joined = linux.namespace(NamespaceType.NETWORK).flatMap(Namespace::path).isPresent();
            if (!linux.netDevices().isEmpty() && joined) {
                errors.add(new ConfigError("linux.netDevices", "requires a new network namespace, not one joined by path"));
            }
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            linux.netDevices().forEach((hostName, device) -> {
                String name = device.name().filter(n -> !n.isEmpty()).orElse(hostName);
                String before = seen.putIfAbsent(name, hostName);
                if (before != null) {
                    errors.add(new ConfigError("linux.netDevices[\"" + hostName + "\"]", "the name \"" + name
                            + "\" is taken by linux.netDevices[\"" + before + "\"] already"));
                }
            });
            linux.netDevices().forEach((hostName, device) -> {
                String path = "linux.netDevices[\"" + hostName + "\"]";
                if (!isInterfaceName(hostName)) {
                    errors.add(new ConfigError(path, "invalid interface name \"" + hostName + "\""));
                }
                device.name().filter(n -> !isInterfaceName(n)).ifPresent(n ->
                        errors.add(new ConfigError(path + ".name", "invalid interface name \"" + n + "\"")));
            });
        });
    }

    static boolean isInterfaceName(String name) {
        return !name.isEmpty() && name.length() <= 15 && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    private static boolean has(Spec spec, NamespaceType type) {
        return spec.linux().map(linux -> linux.hasNamespace(type)).orElse(false);
    }
}

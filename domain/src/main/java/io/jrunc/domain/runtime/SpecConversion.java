package io.jrunc.domain.runtime;

import io.jrunc.domain.config.Capability;
import io.jrunc.domain.config.Device;
import io.jrunc.domain.config.Hooks;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Mount;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Process;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.Spec;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a validated OCI spec into the runtime's own config once, as runc's specconv does: relative
 * paths resolved against the bundle, mount options parsed, default devices added, the loopback brought
 * up in a new network namespace.
 */
public final class SpecConversion {
    private static final Map<NamespaceType, Namespace> NAMESPACES = new EnumMap<>(Map.of(
            NamespaceType.PID, Namespace.PID, NamespaceType.NETWORK, Namespace.NET,
            NamespaceType.MOUNT, Namespace.MOUNT, NamespaceType.IPC, Namespace.IPC,
            NamespaceType.UTS, Namespace.UTS, NamespaceType.USER, Namespace.USER,
            NamespaceType.CGROUP, Namespace.CGROUP, NamespaceType.TIME, Namespace.TIME));

    private SpecConversion() {
    }

    /**
     * @param bundle  the bundle's absolute path
     * @param noPivot runc's --no-pivot
     */
    public static ContainerConfig toContainerConfig(Spec spec, String bundle, boolean noPivot) {
        return toContainerConfig(spec, bundle, noPivot, 0);
    }

    /** @param preservedFds fds from 3 up that the caller hands on to the container's process */
    public static ContainerConfig toContainerConfig(Spec spec, String bundle, boolean noPivot, int preservedFds) {
        return toContainerConfig(spec, bundle, noPivot, preservedFds, Capability.values().length - 1);
    }

    /**
     * @param lastCapability the host kernel's CAP_LAST_CAP: capabilities above it are left out, as runc leaves
     *                       out those its kernel does not know ({@link #unavailableCapabilities} names them)
     */
    public static ContainerConfig toContainerConfig(Spec spec, String bundle, boolean noPivot, int preservedFds,
                                                    int lastCapability) {
        Linux linux = spec.linux().orElseGet(() -> Linux.builder().build());
        Process process = spec.process().orElseThrow(() -> new IllegalArgumentException("process is required"));
        Set<Namespace> created = EnumSet.noneOf(Namespace.class);
        Map<Namespace, String> joined = new EnumMap<>(Namespace.class);
        linux.namespaces().forEach(ns -> ns.path().ifPresentOrElse(
                path -> joined.put(NAMESPACES.get(ns.type()), path),
                () -> created.add(NAMESPACES.get(ns.type()))));
        Set<MountFlag> propagation = linux.rootfsPropagation()
                .map(p -> MountOptions.propagationOf(p.spec()))
                // runc's default: host mounts still reach the container, none of its own reach the host.
                .orElse(EnumSet.of(MountFlag.MS_SLAVE, MountFlag.MS_REC));
        // A joined user namespace's mappings are the config's too (the CLI reads them from /proc when absent).
        IdMappings ids = created.contains(Namespace.USER) || joined.containsKey(Namespace.USER)
                ? new IdMappings(linux.uidMappings(), linux.gidMappings()) : IdMappings.NONE;
        String rootPath = resolve(bundle, spec.root().orElseThrow(() -> new IllegalArgumentException("root is required")).path());
        RootfsSpec rootfs = new RootfsSpec(rootPath, spec.root().get().readonly(), propagation,
                MountOwners.mapped(mounts(spec.mounts(), bundle, linux.mountLabel(), ids), ids), ownedBy(devices(linux.devices()), ids), noPivot,
                created.contains(Namespace.CGROUP) || joined.containsKey(Namespace.CGROUP),
                created.contains(Namespace.MOUNT) || joined.containsKey(Namespace.MOUNT));
        List<Rlimit> rlimits = new ArrayList<>();
        process.rlimits().forEach(r -> rlimits.add(
                new Rlimit(RlimitResource.valueOf(r.type().spec()), r.soft(), r.hard())));
        return ContainerConfig.builder()
                .rootfs(rootfs)
                .newNamespaces(created)
                .joinedNamespaces(joined)
                .loopback(created.contains(Namespace.NET))
                .rlimits(rlimits)
                .oomScoreAdj(process.oomScoreAdj())
                .hostname(spec.hostname())
                .domainname(spec.domainname())
                .appArmorProfile(process.apparmorProfile())
                .processLabel(process.selinuxLabel())
                .sysctl(new LinkedHashMap<>(linux.sysctl()))
                .readonlyPaths(linux.readonlyPaths())
                .maskedPaths(linux.maskedPaths())
                .process(processSpec(process, preservedFds, lastCapability))
                .cgroup(new CgroupSpec(linux.cgroupsPath(), linux.resources().orElseGet(() -> Resources.builder().build()),
                        linux.devices()))
                .seccomp(linux.seccomp().map(SeccompConversion::toFilter))
                .hooks(spec.hooks().orElseGet(Hooks::none))
                .platform(PlatformSpec.of(process, linux))
                .idMappings(ids)
                .build();
    }

    /**
     * A device's uid and gid are the container's: in a user namespace of its own the runtime, which makes the
     * node from the host, gives it the host ids they map to (the validator refuses ids no range maps).
     */
    private static List<DeviceSpec> ownedBy(List<DeviceSpec> devices, IdMappings ids) {
        if (ids.equals(IdMappings.NONE)) {
            return devices;
        }
        List<DeviceSpec> mapped = new ArrayList<>();
        for (DeviceSpec d : devices) {
            mapped.add(new DeviceSpec(d.path(), d.type(), d.major(), d.minor(), d.fileMode(),
                    (int) ids.hostUid(Integer.toUnsignedLong(d.uid())).orElse(Integer.toUnsignedLong(d.uid())),
                    (int) ids.hostGid(Integer.toUnsignedLong(d.gid())).orElse(Integer.toUnsignedLong(d.gid()))));
        }
        return mapped;
    }

    private static ProcessSpec processSpec(Process p, int preservedFds, int lastCapability) {
        List<Integer> groups = new ArrayList<>();
        p.user().additionalGids().forEach(g -> groups.add((int) (long) g));
        OptionalInt umask = p.user().umask().isPresent() ? OptionalInt.of((int) p.user().umask().getAsLong())
                : OptionalInt.empty();
        CapabilitySets caps = p.capabilities().map(c -> new CapabilitySets(numbers(c.bounding(), lastCapability),
                numbers(c.effective(), lastCapability), numbers(c.permitted(), lastCapability),
                numbers(c.inheritable(), lastCapability), numbers(c.ambient(), lastCapability)))
                .orElse(CapabilitySets.none());
        // runc keeps each side as a uint16 and sizes the pty only when neither is 0.
        java.util.Optional<io.jrunc.ports.model.WindowSize> size = p.consoleSize()
                .map(c -> new io.jrunc.ports.model.WindowSize((int) (c.height() & 0xFFFF), (int) (c.width() & 0xFFFF)))
                .filter(s -> s.rows() != 0 && s.columns() != 0);
        return new ProcessSpec(p.args(), p.env(), p.cwd(), (int) p.user().uid(), (int) p.user().gid(), groups,
                umask, p.noNewPrivileges(), p.terminal(), caps, preservedFds, size);
    }

    /** The enum is in the kernel's bit order, so a capability's ordinal is its number. */
    private static Set<Integer> numbers(List<Capability> caps, int lastCapability) {
        Set<Integer> out = new java.util.TreeSet<>();
        caps.stream().filter(c -> c.ordinal() <= lastCapability).forEach(c -> out.add(c.ordinal()));
        return out;
    }

    /** The config's capabilities that a kernel whose CAP_LAST_CAP is {@code lastCapability} does not know. */
    public static List<String> unavailableCapabilities(Spec spec, int lastCapability) {
        Set<String> names = new java.util.TreeSet<>();
        spec.process().flatMap(Process::capabilities).ifPresent(c -> java.util.stream.Stream.of(c.bounding(),
                c.effective(), c.permitted(), c.inheritable(), c.ambient()).flatMap(List::stream)
                .filter(cap -> cap.ordinal() > lastCapability).forEach(cap -> names.add(cap.spec())));
        return List.copyOf(names);
    }

    /** Types whose mount runc makes without the mount label: proc and sysfs take none, the rest are not new. */
    private static final Set<String> UNLABELLED = Set.of("proc", "sysfs", "cgroup", "cgroup2", "mqueue");

    private static List<MountSpec> mounts(List<Mount> mounts, String bundle, Optional<String> mountLabel,
                                          IdMappings containerIds) {
        List<MountSpec> out = new ArrayList<>();
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            String type = m.type().orElse("");
            List<String> options = new ArrayList<>(m.options());
            // runc treats type "bind" as a bind mount whatever the options say.
            if (type.equals("bind") && !options.contains("bind") && !options.contains("rbind")) {
                options.add("bind");
            }
            MountSpec parsed = MountSpec.of(m.source().orElse(""), m.destination(), type, options);
            if (parsed.isBind()) {
                parsed = parsed.withIdmap(idmap(m, "mounts[" + i + "]", containerIds));
                // A relative bind source is relative to the bundle, as runc (which runs in the bundle) reads it.
                parsed = parsed.withSource(resolve(bundle, parsed.source()));
            } else if (mountLabel.isPresent() && !UNLABELLED.contains(type)) {
                // linux.mountLabel as runc's label.FormatMountLabel gives it: context="LABEL" among the options of
                // each new filesystem (tmpfs, devpts …); a kernel without SELinux refuses it, as under runc.
                String context = "context=\"" + mountLabel.get() + "\"";
                parsed = parsed.withData(parsed.data().isEmpty() ? context : parsed.data() + "," + context);
            }
            out.add(parsed);
        }
        return out;
    }

    /**
     * An id-mapped bind's mapping as runc 1.2's specconv takes it: the mount's own ranges, else (option idmap or
     * ridmap alone) the container's user namespace's; mapped recursively only with ridmap.
     */
    private static Optional<MountIdmap> idmap(Mount m, String field, IdMappings containerIds) {
        boolean option = m.options().contains(MountOptions.IDMAP) || m.options().contains(MountOptions.RIDMAP);
        if (m.uidMappings().isEmpty() && m.gidMappings().isEmpty() && !option) {
            return Optional.empty();
        }
        IdMappings mappings = m.uidMappings().isEmpty() && m.gidMappings().isEmpty() ? containerIds
                : new IdMappings(m.uidMappings(), m.gidMappings());
        return Optional.of(new MountIdmap(mappings, m.options().contains(MountOptions.RIDMAP), field, -1));
    }

    /** The spec's default devices, then the config's own, a later one replacing one at the same path. */
    private static List<DeviceSpec> devices(List<Device> devices) {
        Map<String, DeviceSpec> byPath = new LinkedHashMap<>();
        DeviceSpec.defaults().forEach(d -> byPath.put(d.path(), d));
        for (Device d : devices) {
            char type = d.type().spec().equals("u") ? 'c' : d.type().spec().charAt(0);
            byPath.put(d.path(), new DeviceSpec(d.path(), type, d.major(), d.minor(), d.fileMode().orElse(0666),
                    (int) d.uid().orElse(0), (int) d.gid().orElse(0)));
        }
        return List.copyOf(byPath.values());
    }

    static String resolve(String bundle, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return bundle.endsWith("/") ? bundle + path : bundle + "/" + path;
    }
}

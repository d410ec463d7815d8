package io.jrunc.domain.config;

import static io.jrunc.domain.config.Capability.AUDIT_WRITE;
import static io.jrunc.domain.config.Capability.KILL;
import static io.jrunc.domain.config.Capability.NET_BIND_SERVICE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configs {@code jrunc spec} writes: field for field what runc's {@code specconv.Example()} and
 * {@code specconv.ToRootless()} produce, except {@code ociVersion}, which names the spec version jrunc models
 * rather than the one runc was compiled against.
 */
public final class DefaultSpecs {
    /**
     * The runtime-spec release this model follows; it also reads the 1.3 additions
     * (memoryPolicy, netDevices, execCPUAffinity, intelRdt.enableMonitoring).
     */
    public static final String OCI_VERSION = "1.2.1";

    private static final List<Capability> DEFAULT_CAPS = List.of(AUDIT_WRITE, KILL, NET_BIND_SERVICE);

    private DefaultSpecs() {}

    /** What {@code runc spec} writes: a read-only rootfs, {@code sh} on a terminal, five new namespaces. */
    public static Spec runc() {
        return Spec.builder()
                .ociVersion(OCI_VERSION)
                .process(Process.builder()
                        .terminal(true)
                        .user(User.of(0, 0))
                        .args(List.of("sh"))
                        .env(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                "TERM=xterm"))
                        .cwd("/")
                        // runc leaves inheritable empty so exec'd programs don't keep capabilities by accident.
                        .capabilities(Optional.of(new Capabilities(DEFAULT_CAPS, DEFAULT_CAPS, List.of(),
                                DEFAULT_CAPS, DEFAULT_CAPS)))
                        .rlimits(List.of(new Rlimit(RlimitType.NOFILE, 1024, 1024)))
                        .noNewPrivileges(true)
                        .build())
                .root(Optional.of(new Root("rootfs", true)))
                .hostname("runc")
                .mounts(List.of(
                        Mount.of("/proc", "proc", "proc", List.of()),
                        Mount.of("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                        Mount.of("/dev/pts", "devpts", "devpts",
                                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                        Mount.of("/dev/shm", "tmpfs", "shm",
                                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                        Mount.of("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                        Mount.of("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                        Mount.of("/sys/fs/cgroup", "cgroup", "cgroup",
                                List.of("nosuid", "noexec", "nodev", "relatime", "ro"))))
                .linux(Linux.builder()
                        .resources(Resources.builder().devices(List.of(DeviceRule.denyAll())).build())
                        .namespaces(List.of(Namespace.of(NamespaceType.PID), Namespace.of(NamespaceType.NETWORK),
                                Namespace.of(NamespaceType.IPC), Namespace.of(NamespaceType.UTS),
                                Namespace.of(NamespaceType.MOUNT)))
                        .maskedPaths(List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                                "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
                                "/sys/firmware", "/proc/scsi"))
                        .readonlyPaths(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                                "/proc/sysrq-trigger"))
                        .build())
                .build();
    }

    /**
     * What {@code runc spec --rootless} writes for a user whose effective ids are {@code hostUid}/{@code hostGid}:
     * runc's example put through {@code ToRootless}.
     */
    public static Spec rootless(long hostUid, long hostGid) {
        Spec example = runc();
        Linux linux = example.linux().orElseThrow();

        // An unprivileged user can create a network namespace but not configure it, so runc drops it;
        // the user namespace goes last, as runc appends it.
        var namespaces = new ArrayList<Namespace>();
        for (Namespace ns : linux.namespaces()) {
            if (ns.type() != NamespaceType.NETWORK && ns.type() != NamespaceType.USER) {
                namespaces.add(ns);
            }
        }
        namespaces.add(Namespace.of(NamespaceType.USER));

        var mounts = new ArrayList<Mount>();
        for (Mount mount : example.mounts()) {
            mounts.add(rootlessMount(mount));
        }

        return example.toBuilder()
                .mounts(mounts)
                .linux(linux.toBuilder()
                        .uidMappings(List.of(new IdMapping(0, hostUid, 1)))
                        .gidMappings(List.of(new IdMapping(0, hostGid, 1)))
                        .namespaces(namespaces)
                        // Without root there is no cgroup to write to, so runc removes all resources.
                        .resources(Optional.empty())
                        .build())
                .build();
    }

    private static Mount rootlessMount(Mount mount) {
        if (mount.destination().equals("/sys")) {
            // sysfs can't be mounted in a user namespace that doesn't own a network namespace: bind the host's.
            return Mount.of("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro"));
        }
        // gid=5 names a group that isn't mapped in a one-id user namespace; devpts would refuse it.
        var options = mount.options().stream().filter(o -> !o.startsWith("gid=") && !o.startsWith("uid="))
                .toList();
        return new Mount(mount.destination(), mount.type(), mount.source(), options, mount.uidMappings(),
                mount.gidMappings());
    }
}

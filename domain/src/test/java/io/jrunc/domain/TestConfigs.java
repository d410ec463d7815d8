package io.jrunc.domain;

import io.jrunc.domain.runtime.CapabilitySets;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.DeviceSpec;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.domain.runtime.Rlimit;
import io.jrunc.domain.runtime.RootfsSpec;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.RouteRequest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Container configs for tests, from the least a container needs to every step the planner knows. */
public final class TestConfigs {
    public static final String ROOTFS = "/bundles/web/rootfs";

    private TestConfigs() {
    }

    public static ProcessSpec shell() {
        return new ProcessSpec(List.of("sh", "-c", "echo hi"), List.of("PATH=/bin:/usr/bin"), "/", 0, 0,
                List.of(), OptionalInt.empty(), false, false, CapabilitySets.none(), 0);
    }

    public static RootfsSpec rootfs(List<MountSpec> mounts) {
        return new RootfsSpec(ROOTFS, false, EnumSet.of(MountFlag.MS_SLAVE, MountFlag.MS_REC), mounts,
                DeviceSpec.defaults(), false, false, true);
    }

    /** Only what every container has: a rootfs and a process. */
    public static ContainerConfig minimal() {
        return ContainerConfig.builder()
                .rootfs(rootfs(List.of()))
                .newNamespaces(Set.of(Namespace.MOUNT, Namespace.PID))
                .process(shell())
                .build();
    }

    /** hostname "web", NOFILE 1024/4096, OOM score 500, proc and a /dev tmpfs. */
    public static ContainerConfig webServer() {
        return ContainerConfig.builder()
                .rootfs(rootfs(List.of(
                        MountSpec.of("proc", "/proc", "proc", List.of()),
                        MountSpec.of("tmpfs", "/dev", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                        MountSpec.of("devpts", "/dev/pts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666")))))
                .newNamespaces(Set.of(Namespace.MOUNT, Namespace.PID, Namespace.UTS, Namespace.IPC, Namespace.NET))
                .loopback(true)
                .rlimits(List.of(new Rlimit(RlimitResource.RLIMIT_NOFILE, 1024, 4096)))
                .oomScoreAdj(OptionalInt.of(500))
                .hostname(Optional.of("web"))
                .readonlyPaths(List.of("/proc/sys"))
                .maskedPaths(List.of("/proc/kcore"))
                .process(shell())
                .build();
    }

    /** A config that makes the planner emit every step it has. */
    public static ContainerConfig everything() {
        Map<String, String> sysctl = new LinkedHashMap<>();
        sysctl.put("net.ipv4.ip_forward", "1");
        sysctl.put("kernel.msgmax", "8192");
        ProcessSpec process = new ProcessSpec(List.of("/bin/app"), List.of("PATH=/bin"), "/srv", 1000, 1000,
                List.of(10, 20), OptionalInt.of(022), true, true, CapabilitySets.none(), 0,
                Optional.of(new io.jrunc.ports.model.WindowSize(24, 80)));
        RootfsSpec plain = rootfs(List.of(MountSpec.of("proc", "/proc", "proc", List.of())));
        return ContainerConfig.builder()
                .rootfs(new RootfsSpec(plain.path(), true, plain.propagation(), plain.mounts(), plain.devices(),
                        plain.noPivot(), plain.cgroupNamespace(), plain.mountNamespace()))
                .newNamespaces(EnumSet.allOf(Namespace.class))
                .loopback(true)
                .routes(List.of(new RouteRequest("0.0.0.0/0", "10.0.0.1", "eth0")))
                .rlimits(List.of(new Rlimit(RlimitResource.RLIMIT_NOFILE, 1024, 1024)))
                .oomScoreAdj(OptionalInt.of(-500))
                .hostname(Optional.of("web"))
                .domainname(Optional.of("example.org"))
                .appArmorProfile(Optional.of("jrunc-default"))
                .processLabel(Optional.of("system_u:system_r:container_t:s0"))
                .sysctl(sysctl)
                .readonlyPaths(List.of("/proc/sys"))
                .maskedPaths(List.of("/proc/kcore"))
                .process(process)
                .seccomp(Optional.of(new io.jrunc.ports.model.SeccompFilter(
                        new io.jrunc.ports.model.SeccompFilter.Action("SCMP_ACT_ALLOW", 0), List.of("x86_64"),
                        List.of(new io.jrunc.ports.model.SeccompFilter.Rule("mkdir",
                                new io.jrunc.ports.model.SeccompFilter.Action("SCMP_ACT_ERRNO", 1), List.of())),
                        List.of())))
                .platform(new io.jrunc.domain.runtime.PlatformSpec(java.util.OptionalLong.of(0x0008),
                        OptionalInt.of(2 << 13 | 4),
                        Optional.of(new io.jrunc.ports.model.SchedAttr(3, 0, 5, 0, 0, 0, 0)),
                        Optional.of(new io.jrunc.domain.runtime.PlatformSpec.MemoryPolicySpec(3, java.util.Set.of(0))),
                        Optional.of(java.util.Set.of(0)), Optional.of(java.util.Set.of(1)),
                        Optional.of("monotonic 10 0\n"), Map.of("jr-dummy0", "eth1")))
                .build();
    }

    /** {@link #everything()} with a hook at each of the six points, so the planner emits its hook steps too. */
    public static ContainerConfig everythingWithHooks() {
        ContainerConfig c = everything();
        io.jrunc.domain.config.Hook hook = new io.jrunc.domain.config.Hook("/usr/bin/hook", List.of("hook"),
                List.of(), OptionalInt.empty());
        return c.toBuilder().hooks(new io.jrunc.domain.config.Hooks(List.of(hook), List.of(hook), List.of(hook),
                List.of(hook), List.of(hook), List.of(hook))).build();
    }
}

package io.jrunc.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
    private static final Spec VALID = DefaultSpecs.runc();

    private static List<String> errorsOf(Spec spec) {
        return SpecValidator.errors(spec).stream().map(ConfigError::toString).toList();
    }

    private static Spec withProcess(UnaryOperator<Process.Builder> change) {
        return VALID.toBuilder().process(change.apply(VALID.process().orElseThrow().toBuilder()).build()).build();
    }

    private static Spec withLinux(UnaryOperator<Linux.Builder> change) {
        return VALID.toBuilder().linux(change.apply(VALID.linux().orElseThrow().toBuilder()).build()).build();
    }

    private static Spec withResources(Resources resources) {
        return withLinux(l -> l.resources(resources));
    }

    @Test
    void runcsDefaultAndRootlessSpecsAreValid() {
        assertTrue(SpecValidator.validate(DefaultSpecs.runc()).isValid());
        assertEquals(List.of(), errorsOf(DefaultSpecs.rootless(1000, 1000)));
    }

    @Test
    void cpuListsOfExecCpuAffinityAndMemoryPolicyNodesAreTheKernelsSyntax_anEmptyOneIsNoSetting() {
        assertEquals(List.of(), errorsOf(withProcess(p -> p.execCPUAffinity(Optional.of(
                new ExecCpuAffinity(Optional.of(""), Optional.of("0-1,3")))))));
        assertEquals(List.of("process.execCPUAffinity.initial: invalid CPU list \"2-1\"",
                "process.execCPUAffinity.final: invalid CPU list \"one\""), errorsOf(withProcess(p -> p.execCPUAffinity(
                        Optional.of(new ExecCpuAffinity(Optional.of("2-1"), Optional.of("one")))))));
        assertEquals(List.of("linux.memoryPolicy.nodes: invalid node list \"0-\""), errorsOf(withLinux(l -> l.memoryPolicy(
                Optional.of(new MemoryPolicy(MemoryPolicyMode.PREFERRED, "0-", List.of()))))));
    }

    @Test
    void netDevicesGoIntoANewNetworkNamespaceEachUnderANameOfItsOwn() {
        java.util.Map<String, NetDevice> devices = new java.util.LinkedHashMap<>();
        devices.put("eth0", new NetDevice(Optional.of("net1")));
        devices.put("eth1", new NetDevice(Optional.of("net1")));
        assertEquals(List.of("linux.netDevices[\"eth1\"]: the name \"net1\" is taken by linux.netDevices[\"eth0\"] already"),
                errorsOf(withLinux(l -> l.netDevices(devices))));
        List<Namespace> joined = VALID.linux().orElseThrow().namespaces().stream()
                .map(ns -> ns.type() == NamespaceType.NETWORK ? new Namespace(NamespaceType.NETWORK, Optional.of("/run/netns/x")) : ns)
                .toList();
        assertEquals(List.of("linux.netDevices: requires a new network namespace, not one joined by path"),
                errorsOf(withLinux(l -> l.namespaces(joined).netDevices(java.util.Map.of("eth0", new NetDevice(Optional.empty()))))));
    }

    @Test
    void aConfigWithoutProcessIsRefusedAtProcessAsRuncRefusesToCreateIt() {
        // Found by the config fuzz test: it passed validation, and the translation into the runtime's config threw.
        assertEquals(List.of("process: must be set"), errorsOf(VALID.toBuilder().process(Optional.empty()).build()));
    }

    @Test
    void aMissingOciVersionIsReported() {
        assertEquals(List.of("ociVersion: must be set"), errorsOf(VALID.toBuilder().ociVersion("").build()));
    }

    @Test
    void aSpecWithoutRootIsReported() {
        assertEquals(List.of("root: must be set"), errorsOf(VALID.toBuilder().root(Optional.empty()).build()));
    }

    @Test
    void aProcessWithoutArgsIsReported() {
        assertEquals(List.of("process.args: must not be empty"), errorsOf(withProcess(p -> p.args(List.of()))));
    }

    @Test
    void argsAndEnvThatExecveCouldTakeAreValidAndMoreIsReported() {
        List<String> args = new java.util.ArrayList<>(List.of("sh"));
        for (int i = 0; i < 70_000; i++) {
            args.add(Integer.toString(i));
        }
        assertEquals(List.of(), errorsOf(withProcess(p -> p.args(args))), "runc runs 70,000 arguments");
        // 3 MiB in args, 3 MiB in env: with the pointers of 3 strings, more than execve's 6 MiB.
        String half = "x".repeat(3 << 20);
        assertEquals(List.of("process.args: argument list too long: with process.env, 6291485 bytes with their"
                + " pointers, more than execve(2) takes (6291456)"),
                errorsOf(withProcess(p -> p.args(List.of("sh", half)).env(List.of(half)))));
    }

    @Test
    void aRelativeCwdIsReported() {
        assertEquals(List.of("process.cwd: must be an absolute path, got \"tmp\""),
                errorsOf(withProcess(p -> p.cwd("tmp"))));
    }

    @Test
    void duplicateRlimitsAndSoftAboveHardAreReported() {
        Spec spec = withProcess(p -> p.rlimits(List.of(new Rlimit(RlimitType.NOFILE, 10, 10),
                new Rlimit(RlimitType.NOFILE, 10, 20))));
        assertEquals(List.of("process.rlimits[1].type: duplicate rlimit \"RLIMIT_NOFILE\"",
                "process.rlimits[1]: soft limit 20 exceeds hard limit 10"), errorsOf(spec));
    }

    @Test
    void anUnlimitedHardRlimitIsTheLargestValue() {
        assertEquals(List.of(), errorsOf(withProcess(p -> p.rlimits(List.of(new Rlimit(RlimitType.CORE, -1, 1 << 20))))));
    }

    @Test
    void oomScoreAdjOutsideTheKernelRangeIsReported() {
        assertEquals(List.of("process.oomScoreAdj: must be between -1000 and 1000, got 1001"),
                errorsOf(withProcess(p -> p.oomScoreAdj(OptionalInt.of(1001)))));
        assertEquals(List.of(), errorsOf(withProcess(p -> p.oomScoreAdj(OptionalInt.of(-1000)))));
    }

    @Test
    void schedulerAndIoPriorityRangesAreChecked() {
        Spec spec = withProcess(p -> p
                .scheduler(Optional.of(new Scheduler(SchedulerPolicy.FIFO, 25, 0, List.of(), 5, 0, 0)))
                .ioPriority(Optional.of(new IoPriority(IoPriorityClass.BE, 8))));
        assertEquals(List.of("process.scheduler.nice: must be between -20 and 19, got 25",
                "process.scheduler.priority: must be between 1 and 99 for SCHED_FIFO, got 0",
                "process.scheduler: runtime, deadline and period apply only to SCHED_DEADLINE",
                "process.ioPriority.priority: must be between 0 and 7, got 8"), errorsOf(spec));
    }

    @Test
    void relativeMountDestinationsAndHalfIdMappedMountsAreReported() {
        var idmapped = new Mount("/data", Optional.of("bind"), Optional.of("/srv"), List.of("rbind"),
                List.of(new IdMapping(0, 1000, 1)), List.of());
        Spec spec = VALID.toBuilder().mounts(List.of(Mount.of("proc", "proc", "proc", List.of()), idmapped)).build();
        assertEquals(List.of("mounts[0].destination: must be an absolute path, got \"proc\"",
                "mounts[1]: id-mapped mounts need both uidMappings and gidMappings"), errorsOf(spec));
    }

    @Test
    void hooksMustBeAbsoluteWithPositiveTimeouts() {
        var hooks = new Hooks(List.of(), List.of(new Hook("hook", List.of(), List.of(), OptionalInt.of(0))),
                List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of("hooks.createRuntime[0].path: must be an absolute path, got \"hook\"",
                "hooks.createRuntime[0].timeout: must be greater than zero, got 0"),
                errorsOf(VALID.toBuilder().hooks(Optional.of(hooks)).build()));
    }

    @Test
    void aNamespaceTypeListedTwiceIsReported() {
        Spec spec = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.PID),
                Namespace.of(NamespaceType.UTS), Namespace.of(NamespaceType.MOUNT), Namespace.of(NamespaceType.NETWORK),
                new Namespace(NamespaceType.PID, Optional.of("/proc/1/ns/pid")))));
        assertEquals(List.of("linux.namespaces[4].type: duplicate namespace \"pid\""), errorsOf(spec));
    }

    @Test
    void hostnameAndDomainnameRequireAUtsNamespace() {
        Spec spec = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.MOUNT))))
                .toBuilder().domainname(Optional.of("example.com")).build();
        assertEquals(List.of("hostname: requires a UTS namespace", "domainname: requires a UTS namespace"),
                errorsOf(spec));
    }

    @Test
    void idMappingsAndUserNamespacesRequireEachOther() {
        Spec mappingsOnly = withLinux(l -> l.uidMappings(List.of(new IdMapping(0, 1000, 1)))
                .gidMappings(List.of(new IdMapping(0, 1000, 0))));
        assertEquals(List.of("linux.uidMappings: requires a user namespace",
                "linux.gidMappings: requires a user namespace", "linux.gidMappings[0].size: must be greater than zero"),
                errorsOf(mappingsOnly));

        Spec userOnly = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.MOUNT),
                Namespace.of(NamespaceType.UTS), Namespace.of(NamespaceType.USER))));
        assertEquals(List.of("linux.uidMappings: User namespaces enabled, but no uid mappings found.",
                "linux.gidMappings: User namespaces enabled, but no gid mappings found."), errorsOf(userOnly));

        Spec joined = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.MOUNT),
                Namespace.of(NamespaceType.UTS), new Namespace(NamespaceType.USER, Optional.of("/proc/9/ns/user")))));
        assertEquals(List.of(), errorsOf(joined));
    }

    @Test
    void timeOffsetsRequireATimeNamespace() {
        assertEquals(List.of("linux.timeOffsets: requires a time namespace"),
                errorsOf(withLinux(l -> l.timeOffsets(Map.of(Clock.BOOTTIME, new TimeOffset(10, 0))))));
    }

    @Test
    void sysctlsRequireTheNamespaceThatScopesThem() {
        Spec spec = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.MOUNT), Namespace.of(NamespaceType.UTS)))
                .sysctl(Map.of("net.ipv4.ip_forward", "1", "kernel.shmmax", "1", "fs.mqueue.msg_max", "10",
                        "kernel.domainname", "x", "vm.swappiness", "0")));
        assertEquals(List.of("linux.sysctl[\"fs.mqueue.msg_max\"]: requires an ipc namespace",
                "linux.sysctl[\"kernel.shmmax\"]: requires an ipc namespace",
                "linux.sysctl[\"net.ipv4.ip_forward\"]: requires a network namespace",
                "linux.sysctl[\"vm.swappiness\"]: is not in a separate kernel namespace"),
                errorsOf(spec).stream().sorted().toList());
    }

    @Test
    void deviceAccessNeedsOneOfRwmAndMayCarryOtherLettersAsRuncAllows() {
        var resources = Resources.builder().devices(List.of(
                new DeviceRule(true, Optional.of(DeviceCgroupType.CHAR), OptionalLong.of(1), OptionalLong.of(3),
                        Optional.of("rwa")),
                new DeviceRule(true, Optional.of(DeviceCgroupType.CHAR), OptionalLong.of(1), OptionalLong.of(5),
                        Optional.of("a")),
                new DeviceRule(true, Optional.of(DeviceCgroupType.CHAR), OptionalLong.of(1), OptionalLong.of(7),
                        Optional.of("")))).build();
        assertEquals(List.of("linux.resources.devices[1].access: must name at least one of r, w and m, got \"a\"",
                "linux.resources.devices[2].access: must name at least one of r, w and m, got \"\""),
                errorsOf(withResources(resources)));
    }

    @Test
    void whatTakesAMountRequiresAMountNamespace() {
        Spec spec = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.UTS)))
                .rootfsPropagation(Optional.of(RootfsPropagation.SHARED)))
                .toBuilder().root(Optional.of(new Root("rootfs", true))).build();
        assertEquals(List.of("linux.maskedPaths: requires a mount namespace",
                "linux.readonlyPaths: requires a mount namespace",
                "linux.rootfsPropagation: requires a mount namespace",
                "mounts: requires a mount namespace (jrunc mounts nothing in its caller's)",
                "root.readonly: requires a mount namespace"), errorsOf(spec));
    }

    @Test
    void withoutAMountNamespaceAConfigThatMountsNothingIsValid() {
        Spec spec = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.PID), Namespace.of(NamespaceType.UTS)))
                .maskedPaths(List.of()).readonlyPaths(List.of()))
                .toBuilder().mounts(List.of()).root(Optional.of(new Root("rootfs", false))).build();
        assertEquals(List.of(), errorsOf(spec));
    }

    @Test
    void aJoinedMountNamespaceCountsAsTheContainersOwn() {
        Spec spec = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.UTS),
                new Namespace(NamespaceType.MOUNT, Optional.of("/proc/1/ns/mnt")))));
        assertEquals(List.of(), errorsOf(spec));
    }

    @Test
    void netDevicesNeedANetworkNamespaceAndValidNames() {
        Spec spec = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.MOUNT), Namespace.of(NamespaceType.UTS)))
                .netDevices(Map.of("eth/0", new NetDevice(Optional.of("a-name-that-is-too-long")))));
        assertEquals(List.of("linux.netDevices: requires a network namespace",
                "linux.netDevices[\"eth/0\"]: invalid interface name \"eth/0\"",
                "linux.netDevices[\"eth/0\"].name: invalid interface name \"a-name-that-is-too-long\""),
                errorsOf(spec));
    }

    @Test
    void devicesMustHaveAbsoluteUniquePathsAndPermissionOnlyModes() {
        var tty = new Device(DeviceType.CHAR, "/dev/tty0", 4, 0, OptionalInt.of(0666), OptionalLong.empty(),
                OptionalLong.empty());
        Spec spec = withLinux(l -> l.devices(List.of(tty, tty,
                new Device(DeviceType.BLOCK, "dev/sda", -1, 0, OptionalInt.of(010666), OptionalLong.empty(),
                        OptionalLong.empty()))));
        assertEquals(List.of("linux.devices[1].path: duplicate device \"/dev/tty0\"",
                "linux.devices[2].path: must be an absolute path, got \"dev/sda\"",
                "linux.devices[2]: major and minor must not be negative",
                "linux.devices[2].fileMode: must hold permission bits only (0 to 07777), got 010666"), errorsOf(spec));
    }

    @Test
    void seccompRulesAreChecked() {
        var seccomp = new Seccomp(SeccompAction.ALLOW, OptionalLong.of(1), List.of(), List.of(), Optional.empty(),
                Optional.empty(), List.of(
                        new SeccompSyscall(List.of(), SeccompAction.NOTIFY, OptionalLong.empty(), List.of()),
                        new SeccompSyscall(List.of("kill"), SeccompAction.KILL, OptionalLong.of(1),
                                List.of(new SeccompArg(6, 0, 0, SeccompOperator.EQ)))));
        assertEquals(List.of("linux.seccomp.defaultErrnoRet: applies only to SCMP_ACT_ERRNO and SCMP_ACT_TRACE",
                "linux.seccomp.syscalls[0].names: must name at least one syscall, without empty names",
                "linux.seccomp.syscalls[1].errnoRet: applies only to SCMP_ACT_ERRNO and SCMP_ACT_TRACE",
                "linux.seccomp.syscalls[1].args[0].index: must be between 0 and 5, got 6",
                "linux.seccomp.listenerPath: must be set when a rule uses SCMP_ACT_NOTIFY"),
                errorsOf(withLinux(l -> l.seccomp(Optional.of(seccomp)))));
    }

    /** runc's reason: the init's answers to the runtime are writes, and one waiting for an agent not yet told hangs. */
    @Test
    void notifyCannotTakeWrite() {
        var seccomp = new Seccomp(SeccompAction.ALLOW, OptionalLong.empty(), List.of(), List.of(),
                Optional.of("/run/agent.sock"), Optional.empty(), List.of(
                        new SeccompSyscall(List.of("mkdir", "write", "sendmsg"), SeccompAction.NOTIFY,
                                OptionalLong.empty(), List.of())));
        assertEquals(List.of("linux.seccomp.syscalls[0].names: SCMP_ACT_NOTIFY cannot be used for the write syscall",
                "linux.seccomp.syscalls[0].names: SCMP_ACT_NOTIFY cannot be used for the sendmsg syscall (the init "
                        + "hands the notify fd over with it)"),
                errorsOf(withLinux(l -> l.seccomp(Optional.of(seccomp)))));
    }

    /** seccomp(2) refuses a listener together with TSYNC: said before anything is made, with the field. */
    @Test
    void notifyCannotGoWithTsync() {
        var seccomp = new Seccomp(SeccompAction.ALLOW, OptionalLong.empty(), List.of(), List.of(SeccompFlag.TSYNC),
                Optional.of("/run/agent.sock"), Optional.empty(), List.of(
                        new SeccompSyscall(List.of("mkdir"), SeccompAction.NOTIFY, OptionalLong.empty(), List.of())));
        assertEquals(List.of("linux.seccomp.flags: SECCOMP_FILTER_FLAG_TSYNC cannot be combined with SCMP_ACT_NOTIFY"),
                errorsOf(withLinux(l -> l.seccomp(Optional.of(seccomp)))));
    }

    @Test
    void intelRdtClosIdMustNotEscapeResctrl() {
        var rdt = new IntelRdt(Optional.of("../x"), Optional.empty(), Optional.empty(), Optional.empty(), false,
                false, false);
        assertEquals(List.of("linux.intelRdt.closID: invalid CLOS id \"../x\""),
                errorsOf(withLinux(l -> l.intelRdt(Optional.of(rdt)))));
    }

    @Test
    void memoryPolicyNodesMustFitTheMode() {
        var policy = new MemoryPolicy(MemoryPolicyMode.BIND, "",
                List.of(MemoryPolicyFlag.STATIC_NODES, MemoryPolicyFlag.RELATIVE_NODES));
        assertEquals(List.of("linux.memoryPolicy.nodes: must not be empty for MPOL_BIND",
                "linux.memoryPolicy.flags: MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude each other"),
                errorsOf(withLinux(l -> l.memoryPolicy(Optional.of(policy)))));
    }

    @Test
    void cgroupValuesOutsideKernelRangesAreReported() {
        var memory = new Memory(OptionalLong.of(1 << 30), OptionalLong.empty(), OptionalLong.of(1 << 20),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(101), Optional.empty(), Optional.empty(),
                Optional.empty());
        var cpu = new Cpu(OptionalLong.of(1), OptionalLong.of(500), OptionalLong.empty(), OptionalLong.of(100),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), OptionalLong.of(2));
        var blockIo = new BlockIo(OptionalInt.of(5), OptionalInt.empty(),
                List.of(new WeightDevice(8, 0, OptionalInt.of(2000), OptionalInt.empty())), List.of(), List.of(),
                List.of(), List.of());
        var resources = Resources.builder()
                .devices(List.of(new DeviceRule(true, Optional.of(DeviceCgroupType.CHAR), OptionalLong.of(1),
                        OptionalLong.of(3), Optional.of("ax"))))
                .memory(memory).cpu(cpu).blockIO(blockIo)
                .hugepageLimits(List.of(new HugepageLimit("2M", 0)))
                .unified(Map.of("../memory.max", "1"))
                .build();
        assertEquals(List.of("linux.resources.devices[0].access: must name at least one of r, w and m, got \"ax\"",
                "linux.resources.memory.swap: memory+swap limit 1048576 must not be below the memory limit 1073741824",
                "linux.resources.memory.swappiness: must be between 0 and 100, got 101",
                "linux.resources.cpu.shares: must be between 2 and 262144, got 1",
                "linux.resources.cpu.period: must be between 1000 and 1000000 microseconds, got 100",
                "linux.resources.cpu.quota: must be -1 or at least 1000 microseconds, got 500",
                "linux.resources.cpu.idle: must be 0 or 1, got 2",
                "linux.resources.blockIO.weight: must be between 10 and 1000, got 5",
                "linux.resources.blockIO.weightDevice[0].weight: must be between 10 and 1000, got 2000",
                "linux.resources.hugepageLimits[0].pageSize: must look like 2MB or 1GB, got \"2M\"",
                "linux.resources.unified[\"../memory.max\"]: is not a cgroup v2 file name of the form <controller>.<name>"),
                errorsOf(withResources(resources)));
    }

    @Test
    void unlimitedSwapWithALimitIsFine() {
        var memory = Memory.of(OptionalLong.of(1 << 30), OptionalLong.of(-1));
        assertEquals(List.of(), errorsOf(withResources(Resources.builder().memory(memory).build())));
    }

    @Test
    void aSpecWithManyMistakesReportsThemAllAtOnce() {
        Spec spec = VALID.toBuilder()
                .ociVersion("")
                .process(VALID.process().orElseThrow().toBuilder().args(List.of()).cwd("relative")
                        .oomScoreAdj(OptionalInt.of(-2000)).build())
                .mounts(List.of(Mount.of("dev", "tmpfs", "tmpfs", List.of())))
                .domainname(Optional.of("corp"))
                .linux(Linux.builder()
                        .namespaces(List.of(Namespace.of(NamespaceType.PID), Namespace.of(NamespaceType.PID)))
                        .uidMappings(List.of(new IdMapping(0, 1000, 1)))
                        .timeOffsets(Map.of(Clock.MONOTONIC, new TimeOffset(1, 0)))
                        .build())
                .build();
        var validation = SpecValidator.validate(spec);
        assertTrue(validation.isInvalid());
        assertEquals(List.of("ociVersion: must be set",
                "process.args: must not be empty",
                "process.cwd: must be an absolute path, got \"relative\"",
                "process.oomScoreAdj: must be between -1000 and 1000, got -2000",
                "mounts[0].destination: must be an absolute path, got \"dev\"",
                "linux.namespaces[1].type: duplicate namespace \"pid\"",
                "hostname: requires a UTS namespace",
                "domainname: requires a UTS namespace",
                "linux.uidMappings: requires a user namespace",
                "linux.timeOffsets: requires a time namespace",
                "mounts: requires a mount namespace (jrunc mounts nothing in its caller's)",
                "root.readonly: requires a mount namespace"),
                validation.getError().map(ConfigError::toString).toJavaList());
    }

    // Boundaries with their values from the kernel and the spec, not from the code (the tests issue: each of these
    // mutants of the validator used to survive).

    @Test
    void oomScoreAdjTakesTheKernelsWholeRange_andNotOneBeyond() {
        for (int score : new int[] {-1000, 0, 1000}) {
            Spec spec = VALID.toBuilder().process(Optional.of(VALID.process().orElseThrow().toBuilder()
                    .oomScoreAdj(OptionalInt.of(score)).build())).build();
            assertEquals(List.of(), errorsOf(spec), "OOM_SCORE_ADJ_MIN..MAX holds " + score);
        }
        for (int score : new int[] {-1001, 1001}) {
            Spec spec = VALID.toBuilder().process(Optional.of(VALID.process().orElseThrow().toBuilder()
                    .oomScoreAdj(OptionalInt.of(score)).build())).build();
            assertEquals(List.of("process.oomScoreAdj: must be between -1000 and 1000, got " + score), errorsOf(spec));
        }
    }

    @Test
    void theSysctlsOfTheIpcAndUtsNamespacesNeedThoseNamespaces() {
        Spec spec = withLinux(l -> l.namespaces(List.of(Namespace.of(NamespaceType.MOUNT)))
                .sysctl(Map.of("kernel.msgmax", "8192", "kernel.hostname", "h", "kernel.shm_rmid_forced", "1")))
                .toBuilder().hostname(Optional.empty()).build();
        assertEquals(List.of("linux.sysctl[\"kernel.hostname\"]: requires a uts namespace",
                "linux.sysctl[\"kernel.msgmax\"]: requires an ipc namespace",
                "linux.sysctl[\"kernel.shm_rmid_forced\"]: requires an ipc namespace"),
                errorsOf(spec).stream().sorted().toList());
    }

    @Test
    void cpuSharesTakeTheKernelsRange_2To262144() {
        for (long shares : new long[] {2, 262144}) {
            assertEquals(List.of(), errorsOf(withResources(Resources.builder().cpu(cpuShares(shares)).build())),
                    "shares " + shares);
        }
        assertEquals(1, errorsOf(withResources(Resources.builder().cpu(cpuShares(262145)).build())).size());
    }

    private static Cpu cpuShares(long shares) {
        return new Cpu(OptionalLong.of(shares), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    @Test
    void anInterfaceNameHasAtMost15Bytes_IFNAMSIZ() {
        Spec fits = withLinux(l -> l.netDevices(Map.of("a".repeat(15), new NetDevice(Optional.empty()))));
        Spec over = withLinux(l -> l.netDevices(Map.of("a".repeat(16), new NetDevice(Optional.empty()))));
        assertEquals(List.of(), errorsOf(fits));
        assertEquals(List.of("linux.netDevices[\"" + "a".repeat(16) + "\"]: invalid interface name \"" + "a".repeat(16)
                + "\""), errorsOf(over));
    }

    @Test
    void anIntelRdtClosIdThatWouldNameNoDirectoryOfItsOwnIsRefused() {
        for (String id : new String[] {".", "..", "a/b"}) {
            Spec spec = withLinux(l -> l.intelRdt(Optional.of(new IntelRdt(Optional.of(id), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, false, false))));
            assertEquals(List.of("linux.intelRdt.closID: invalid CLOS id \"" + id + "\""), errorsOf(spec));
        }
    }
}

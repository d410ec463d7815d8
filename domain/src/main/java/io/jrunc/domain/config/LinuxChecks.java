package io.jrunc.domain.config;

import java.util.HashSet;
import java.util.List;

/** Checks on the rest of {@code linux}: devices, seccomp, Intel RDT and the memory policy. */
final class LinuxChecks {
    private LinuxChecks() {}

    // config-linux.md "Devices": path is REQUIRED (absolute in the container); runc refuses the same path twice.
    // mknod(2) takes permission bits only, and major/minor of c, u and b nodes are non-negative.
    static void devices(Spec spec, List<ConfigError> errors) {
        spec.linux().ifPresent(linux -> {
            var paths = new HashSet<String>();
            for (int i = 0; i < linux.devices().size(); i++) {
                Device device = linux.devices().get(i);
                String path = "linux.devices[" + i + "]";
                if (!device.path().startsWith("/")) {
                    errors.add(new ConfigError(path + ".path", "must be an absolute path, got \"" + device.path() + "\""));
                } else if (!paths.add(device.path())) {
                    errors.add(new ConfigError(path + ".path", "duplicate device \"" + device.path() + "\""));
                }
                if (device.type() != DeviceType.FIFO && (device.major() < 0 || device.minor() < 0)) {
                    errors.add(new ConfigError(path, "major and minor must not be negative"));
                }
                device.fileMode().ifPresent(mode -> {
                    if (mode < 0 || mode > 07777) {
                        errors.add(new ConfigError(path + ".fileMode",
                                "must hold permission bits only (0 to 07777), got 0" + Integer.toOctalString(mode)));
                    }
                });
            }
        });
    }

    // runc libcontainer/seccomp and specconv: errnoRet only means something for ERRNO and TRACE; NOTIFY needs a
    // listener and can't be the default (the agent would see every syscall); libseccomp allows 6 arguments.
    static void seccomp(Spec spec, List<ConfigError> errors) {
        spec.linux().flatMap(Linux::seccomp).ifPresent(seccomp -> {
            if (seccomp.defaultErrnoRet().isPresent() && !takesErrno(seccomp.defaultAction())) {
                errors.add(new ConfigError("linux.seccomp.defaultErrnoRet",
                        "applies only to SCMP_ACT_ERRNO and SCMP_ACT_TRACE"));
            }
            if (seccomp.defaultAction() == SeccompAction.NOTIFY) {
                errors.add(new ConfigError("linux.seccomp.defaultAction", "SCMP_ACT_NOTIFY cannot be the default action"));
            }
            boolean notifies = false;
            for (int i = 0; i < seccomp.syscalls().size(); i++) {
                SeccompSyscall rule = seccomp.syscalls().get(i);
                String path = "linux.seccomp.syscalls[" + i + "]";
                notifies |= rule.action() == SeccompAction.NOTIFY;
                if (rule.action() == SeccompAction.NOTIFY && rule.names().contains("write")) {
                    // The init's answers to the runtime are writes: one waiting for an agent not yet told would
                    // hang create (runc's reason and words).
                    errors.add(new ConfigError(path + ".names", "SCMP_ACT_NOTIFY cannot be used for the write syscall"));
                }
                if (rule.action() == SeccompAction.NOTIFY && rule.names().contains("sendmsg")) {
                    // jrunc's own case of the same: the init hands the notify fd over with sendmsg(2) (runc's
                    // parent takes it with pidfd_getfd), so that call may not wait for the agent either.
                    errors.add(new ConfigError(path + ".names", "SCMP_ACT_NOTIFY cannot be used for the sendmsg "
                            + "syscall (the init hands the notify fd over with it)"));
                }
                if (rule.names().isEmpty() || rule.names().stream().anyMatch(String::isEmpty)) {
                    errors.add(new ConfigError(path + ".names", "must name at least one syscall, without empty names"));
                }
                if (rule.errnoRet().isPresent() && !takesErrno(rule.action())) {
                    errors.add(new ConfigError(path + ".errnoRet", "applies only to SCMP_ACT_ERRNO and SCMP_ACT_TRACE"));
                }
                for (int j = 0; j < rule.args().size(); j++) {
                    long index = rule.args().get(j).index();
                    if (index < 0 || index > 5) {
                        errors.add(new ConfigError(path + ".args[" + j + "].index", "must be between 0 and 5, got " + index));
                    }
                }
            }
            if (notifies && seccomp.listenerPath().isEmpty()) {
                errors.add(new ConfigError("linux.seccomp.listenerPath", "must be set when a rule uses SCMP_ACT_NOTIFY"));
            }
            if (notifies && seccomp.flags().contains(SeccompFlag.TSYNC)) {
                // seccomp(2) takes no listener with TSYNC: the kernel would refuse the filter (EINVAL) at create.
                errors.add(new ConfigError("linux.seccomp.flags",
                        "SECCOMP_FILTER_FLAG_TSYNC cannot be combined with SCMP_ACT_NOTIFY"));
            }
        });
    }

    private static boolean takesErrno(SeccompAction action) {
        return action == SeccompAction.ERRNO || action == SeccompAction.TRACE;
    }

    // runc validate.intelrdtCheck: the CLOS id names a resctrl directory, so it can't escape it.
    static void intelRdt(Spec spec, List<ConfigError> errors) {
        spec.linux().flatMap(Linux::intelRdt).flatMap(IntelRdt::closID).ifPresent(id -> {
            if (id.equals(".") || id.equals("..") || id.contains("/") || id.contains("\n")) {
                errors.add(new ConfigError("linux.intelRdt.closID", "invalid CLOS id \"" + id + "\""));
            }
        });
    }

    // set_mempolicy(2): DEFAULT and LOCAL take no nodes, BIND and the interleaves need some (PREFERRED with none
    // means local), and STATIC_NODES with RELATIVE_NODES is EINVAL.
    static void memoryPolicy(Spec spec, List<ConfigError> errors) {
        spec.linux().flatMap(Linux::memoryPolicy).ifPresent(policy -> {
            if (CpuList.parse(policy.nodes()).isEmpty()) {
                errors.add(new ConfigError("linux.memoryPolicy.nodes", "invalid node list \"" + policy.nodes() + "\""));
            }
            boolean nodes = !policy.nodes().isBlank();
            switch (policy.mode()) {
                case DEFAULT, LOCAL -> {
                    if (nodes) {
                        errors.add(new ConfigError("linux.memoryPolicy.nodes",
                                "must be empty for " + policy.mode().spec()));
                    }
                }
                case BIND, INTERLEAVE, WEIGHTED_INTERLEAVE, PREFERRED_MANY -> {
                    if (!nodes) {
                        errors.add(new ConfigError("linux.memoryPolicy.nodes",
                                "must not be empty for " + policy.mode().spec()));
                    }
                }
                case PREFERRED -> { }
            }
            if (policy.flags().contains(MemoryPolicyFlag.STATIC_NODES)
                    && policy.flags().contains(MemoryPolicyFlag.RELATIVE_NODES)) {
                errors.add(new ConfigError("linux.memoryPolicy.flags",
                        "MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude each other"));
            }
        });
    }
}

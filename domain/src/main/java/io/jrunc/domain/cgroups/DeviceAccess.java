package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.Device;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.domain.config.Resources;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.BpfInstruction;
import io.jrunc.ports.model.SyscallException;
import java.util.List;

/**
 * The device cgroup, through the device rules' own classes: {@code devices.deny}/{@code devices.allow} lines
 * on v1, an eBPF program on v2.
 */
public final class DeviceAccess {
    private DeviceAccess() {
    }

    /**
     * The resources a new container's cgroup gets: its device rules completed as runc completes them (the
     * devices every container may use, the config's {@code linux.devices} in their place).
     */
    public static Resources forNewContainer(Resources resources, List<Device> linuxDevices) {
        List<DeviceRule> rules = DeviceRules.forContainer(resources.devices(), linuxDevices);
        return new Resources(rules, resources.memory(), resources.cpu(), resources.pids(), resources.blockIO(),
                resources.hugepageLimits(), resources.network(), resources.rdma(), resources.unified());
    }

    /**
     * A new cgroup gets the whole list; a running container's ({@code update}) only the lines that change what
     * {@code devices.list} allows now, so its processes never see a moment with every device denied.
     */
    static void applyV1(Cgroups cgroups, String hierarchy, String path, List<DeviceRule> rules, boolean running) {
        if (rules.isEmpty()) {
            return;
        }
        List<DeviceRules.V1Write> writes = running
                ? DeviceRules.v1Transition(cgroups.read(hierarchy, path, "devices.list").orElse(""), rules)
                : DeviceRules.v1Writes(rules);
        for (DeviceRules.V1Write w : writes) {
            CgroupFiles.write(cgroups, hierarchy, path, new CgroupWrite("devices", w.file(), w.line(), Fields.DEVICES));
        }
    }

    /**
     * cgroup v2 has no device files: a program decides. runc goes on without it only where it could not be
     * loaded and would have allowed everything anyway.
     */
    static void applyV2(Cgroups cgroups, String path, List<DeviceRule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        List<BpfInstruction> program = DeviceFilter.compile(rules);
        try {
            cgroups.attachDeviceProgram(path, program);
        } catch (SyscallException e) {
            if (DeviceRules.allowEverything(rules)) {
                return;
            }
            throw new CgroupError(Fields.DEVICES, "unable to attach the device filter program: "
                    + e.getMessage(), e);
        }
    }
}

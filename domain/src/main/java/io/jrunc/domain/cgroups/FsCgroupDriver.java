package io.jrunc.domain.cgroups;

import io.jrunc.domain.container.ContainerId;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.ProcFs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cgroupfs driver (runc's default): the runtime makes the directories itself, in whatever the host
 * mounts. Pure v2 gets one unified cgroup; v1 gets one per hierarchy; a hybrid host gets the v1 ones plus
 * membership in the unified hierarchy, as runc's fs manager does there.
 *
 * <p>Where: an absolute {@code linux.cgroupsPath} as is in every hierarchy; a relative one under the
 * runtime's own cgroup (on v2 under its parent, since the runtime's own cgroup holds processes and so cannot
 * delegate controllers); absent, the container id, relative.
 */
public final class FsCgroupDriver implements CgroupDriver {
    private final Cgroups cgroups;
    private final ProcFs proc;

    public FsCgroupDriver(Cgroups cgroups, ProcFs proc) {
        this.cgroups = cgroups;
        this.proc = proc;
    }

    @Override
    public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath) {
        String inner = CgroupsPath.inner(cgroupsPath, id);
        HostLayout layout = HostLayout.of(cgroups.hierarchies());
        OwnCgroups own = OwnCgroups.parse(proc.read(0, "cgroup").orElse(""));
        if (layout.pureV2()) {
            return new V2Cgroup(cgroups, CgroupsPath.resolve(inner, CgroupsPath.parent(own.of(""))));
        }
        Map<String, String> paths = new LinkedHashMap<>();
        for (String mount : layout.v1Mounts()) {
            paths.put(mount, CgroupsPath.resolve(inner, own.of(mount)));
        }
        if (layout.unified()) {
            paths.put("", CgroupsPath.resolve(inner, own.of("")));
        }
        return new V1Cgroup(cgroups, layout, paths);
    }

    @Override
    public ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths) {
        if (paths.size() == 1 && paths.containsKey("")) {
            return new V2Cgroup(cgroups, paths.get(""));
        }
        return new V1Cgroup(cgroups, HostLayout.of(cgroups.hierarchies()), paths);
    }
}

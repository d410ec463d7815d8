package io.jrunc.adapter.ffm;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.CgroupHierarchies;
import io.jrunc.ports.model.MountInfo;
import java.util.List;
import java.util.Optional;

/**
 * cgroupfs under /sys/fs/cgroup: one directory per v1 hierarchy ("memory", "cpu,cpuacct"), and "" for the
 * unified one, which is /sys/fs/cgroup itself on a pure v2 host and /sys/fs/cgroup/unified on a hybrid one.
 */
final class FfmCgroups implements Cgroups {
    private volatile CgroupHierarchies layout;

    /** Read once: a command's mounts of /sys/fs/cgroup do not change while it runs. */
    private CgroupHierarchies layout() {
        CgroupHierarchies known = layout;
        if (known == null) {
            known = CgroupHierarchies.of(MountInfo.parse(FfmFileIo.readIfExists("/proc/self/mountinfo").orElse("")));
            layout = known;
        }
        return known;
    }

    @Override
    public List<String> hierarchies() {
        return layout().names();
    }

    @Override
    public String directory(String hierarchy, String path) {
        return layout().directory(hierarchy, path);
    }

    @Override
    public void create(String hierarchy, String path) {
        String base = directory(hierarchy, "");
        String relative = path.startsWith("/") ? path.substring(1) : path;
        String current = base;
        for (String part : relative.split("/")) {
            if (!part.isEmpty()) {
                current = current + "/" + part;
                FfmFilesystem.mkdir(current, 0755);
            }
        }
    }

    @Override
    public void write(String hierarchy, String path, String file, String value) {
        FfmFileIo.write(directory(hierarchy, path) + "/" + file, value);
    }

    @Override
    public Optional<String> read(String hierarchy, String path, String file) {
        return FfmFileIo.readIfExists(directory(hierarchy, path) + "/" + file);
    }

    @Override
    public void join(String hierarchy, String path, int pid) {
        write(hierarchy, path, "cgroup.procs", String.valueOf(pid));
    }

    @Override
    public List<Integer> processes(String hierarchy, String path) {
        return read(hierarchy, path, "cgroup.procs").orElse("").lines()
                .filter(l -> !l.isBlank()).map(l -> Integer.parseInt(l.trim())).toList();
    }

    /** rmdir, not rm -r: a cgroup's files go with it, and EBUSY (processes left) must reach the caller. */
    @Override
    public void remove(String hierarchy, String path) {
        FfmFilesystem.rmdir(directory(hierarchy, path));
    }

    @Override
    public void attachDeviceProgram(String path, List<io.jrunc.ports.model.BpfInstruction> program) {
        FfmDeviceProgram.attach(directory("", path), program);
    }
}

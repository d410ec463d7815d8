package io.jrunc.adapter.jna;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.CgroupHierarchies;
import io.jrunc.ports.model.SyscallException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

/** cgroupfs under /sys/fs/cgroup, v1, v2 and the hybrid of both. */
final class JnaCgroups implements Cgroups {
    private static final int DIRECTORY_MODE = 0755;

    private final JnaFilesystem filesystem = new JnaFilesystem();
    private volatile CgroupHierarchies layout;

    /** Read once: a command's mounts of /sys/fs/cgroup do not change while it runs. */
    private CgroupHierarchies layout() {
        CgroupHierarchies known = layout;
        if (known == null) {
            known = CgroupHierarchies.of(JnaMountPoints.current());
            layout = known;
        }
        return known;
    }

    @Override
    public List<String> hierarchies() {
        return layout().names();
    }

    @Override
    public void create(String hierarchy, String path) {
        filesystem.mkdirs(directory(hierarchy, path), DIRECTORY_MODE);
    }

    @Override
    public void write(String hierarchy, String path, String file, String value) {
        JnaFileIo.write(directory(hierarchy, path) + "/" + file, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<String> read(String hierarchy, String path, String file) {
        return JnaFileIo.readIfExists(directory(hierarchy, path) + "/" + file)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void join(String hierarchy, String path, int pid) {
        write(hierarchy, path, "cgroup.procs", Integer.toString(pid));
    }

    @Override
    public List<Integer> processes(String hierarchy, String path) {
        List<Integer> pids = new ArrayList<>();
        for (String line : read(hierarchy, path, "cgroup.procs").orElse("").split("\n")) {
            if (!line.isBlank()) {
                pids.add(Integer.parseInt(line.trim()));
            }
        }
        return pids;
    }

    @Override
    public void remove(String hierarchy, String path) {
        String dir = directory(hierarchy, path);
        try {
            JnaCheck.call("rmdir", dir, () -> INSTANCE.rmdir(dir));
        } catch (SyscallException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    @Override
    public String directory(String hierarchy, String path) {
        return layout().directory(hierarchy, path);
    }

    @Override
    public void attachDeviceProgram(String path, List<io.jrunc.ports.model.BpfInstruction> program) {
        JnaDeviceProgram.attach(directory("", path), program);
    }
}

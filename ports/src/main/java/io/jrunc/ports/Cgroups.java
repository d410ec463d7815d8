package io.jrunc.ports;

import io.jrunc.ports.model.BpfInstruction;
import java.util.List;
import java.util.Optional;

/**
 * The cgroup filesystem, by path relative to a hierarchy's mount point. On cgroup v1 the hierarchy is a
 * controller name ("memory", "cpu,cpuacct"); on v2 it is "" (the unified hierarchy).
 */
public interface Cgroups {
    /** The hierarchies this host mounts, "" for the unified one. */
    List<String> hierarchies();

    void create(String hierarchy, String path);

    /** The host directory of a cgroup (the hierarchy's mount point and the path), e.g. to bind it. */
    String directory(String hierarchy, String path);

    void write(String hierarchy, String path, String file, String value);

    Optional<String> read(String hierarchy, String path, String file);

    /** Moves a process into the cgroup (cgroup.procs). */
    void join(String hierarchy, String path, int pid);

    List<Integer> processes(String hierarchy, String path);

    /** rmdir of an empty cgroup; nothing when it is already gone. */
    void remove(String hierarchy, String path);

    /**
     * Loads a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program and attaches it to a cgroup of the unified hierarchy
     * ({@code BPF_CGROUP_DEVICE}), replacing the program this runtime attached before, if any: cgroup v2 has no
     * devices files, so device access is decided by such a program.
     */
    void attachDeviceProgram(String path, List<BpfInstruction> program);
}

package io.jrunc.ports;

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

    void write(String hierarchy, String path, String file, String value);

    Optional<String> read(String hierarchy, String path, String file);

    /** Moves a process into the cgroup (cgroup.procs). */
    void join(String hierarchy, String path, int pid);

    List<Integer> processes(String hierarchy, String path);

    /** rmdir of an empty cgroup; nothing when it is already gone. */
    void remove(String hierarchy, String path);
}

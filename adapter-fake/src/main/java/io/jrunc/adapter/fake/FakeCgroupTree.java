package io.jrunc.adapter.fake;

import io.jrunc.ports.model.BpfInstruction;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Cgroups per hierarchy: directories, their files and member pids. Like cgroupfs, a cgroup with live
 * members refuses rmdir (EBUSY), and a dead member no longer counts.
 */
final class FakeCgroupTree {
    private final List<String> hierarchies = new ArrayList<>(List.of(""));
    private final Map<String, Map<String, String>> files = new HashMap<>();
    private final Map<String, Set<Integer>> members = new HashMap<>();
    private final Map<String, List<BpfInstruction>> devicePrograms = new HashMap<>();

    static String directory(String hierarchy, String path) {
        String relative = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        return "/sys/fs/cgroup" + (hierarchy.isEmpty() ? "" : "/" + hierarchy) + relative;
    }

    synchronized List<String> hierarchies() {
        return List.copyOf(hierarchies);
    }

    /** Which hierarchies the simulated host mounts: {@code ""} alone is cgroup v2, controller names v1. */
    synchronized void setHierarchies(List<String> mounted) {
        hierarchies.clear();
        hierarchies.addAll(mounted);
    }

    synchronized void create(String hierarchy, String path) {
        String key = directory(knownHierarchy(hierarchy, path), path);
        if (files.containsKey(key)) {
            return; // as both native backends: an existing cgroup is taken (mkdir -p), never EEXIST
        }
        files.put(key, new HashMap<>());
        members.put(key, new LinkedHashSet<>());
    }

    /** Like cgroup v2, cgroup.freeze settles at once and cgroup.events reports it. */
    synchronized void write(String hierarchy, String path, String file, String value) {
        Map<String, String> f = existing(hierarchy, path);
        f.put(file, value);
        if (file.equals("cgroup.freeze")) {
            f.put("cgroup.events", "populated 1\nfrozen " + value.trim() + "\n");
        }
    }

    synchronized Optional<String> read(String hierarchy, String path, String file) {
        Map<String, String> f = files.get(directory(hierarchy, path));
        return f == null ? Optional.empty() : Optional.ofNullable(f.get(file));
    }

    /** As {@link #read}, and cgroup.procs lists the live members, one a line, as the kernel does. */
    synchronized Optional<String> read(String hierarchy, String path, String file, IntPredicate alive) {
        if (file.equals("cgroup.procs") && files.containsKey(directory(hierarchy, path))) {
            StringBuilder procs = new StringBuilder();
            processes(hierarchy, path, alive).forEach(pid -> procs.append(pid).append('\n'));
            return Optional.of(procs.toString());
        }
        return read(hierarchy, path, file);
    }

    /** A pid is in one cgroup per hierarchy: joining moves it out of the one it was in. */
    synchronized void join(String hierarchy, String path, int pid, IntPredicate alive) {
        existing(hierarchy, path);
        if (!alive.test(pid)) { // the caller resolved pid 0 (itself) already
            throw new SyscallException("write", Errno.ESRCH, directory(hierarchy, path) + "/cgroup.procs");
        }
        members.forEach((key, pids) -> {
            if (inHierarchy(key, hierarchy)) {
                pids.remove(pid);
            }
        });
        members.get(directory(hierarchy, path)).add(pid);
    }

    synchronized List<Integer> processes(String hierarchy, String path, IntPredicate alive) {
        existing(hierarchy, path);
        List<Integer> live = new ArrayList<>();
        members.get(directory(hierarchy, path)).stream().filter(alive::test).forEach(live::add);
        return live;
    }

    /** Whether a host path is a cgroup directory of the tree, e.g. the source of a bind. */
    synchronized boolean isDirectory(String hostPath) {
        return files.containsKey(hostPath.length() > 1 ? hostPath.replaceAll("/+$", "") : hostPath)
                || hierarchies.stream().anyMatch(h -> directory(h, "").equals(hostPath.replaceAll("/+$", "")));
    }

    /** /proc/[pid]/cgroup as the kernel writes it: a line a hierarchy, "/" where the pid joined none. */
    synchronized String procCgroup(int pid) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hierarchies.size(); i++) {
            String h = hierarchies.get(i);
            String root = directory(h, "");
            String path = "/";
            for (Map.Entry<String, Set<Integer>> e : members.entrySet()) {
                if (e.getValue().contains(pid) && inHierarchy(e.getKey(), h)) {
                    path = e.getKey().substring(root.length());
                }
            }
            out.append(h.isEmpty() ? 0 : hierarchies.size() - i).append(':').append(h).append(':').append(path)
                    .append('\n');
        }
        return out.toString();
    }

    synchronized boolean exists(String hierarchy, String path) {
        return files.containsKey(directory(hierarchy, path));
    }

    /** Nothing to do when it is already gone (the port's contract); EBUSY while a member lives. */
    synchronized void remove(String hierarchy, String path, IntPredicate alive) {
        String key = directory(hierarchy, path);
        if (!files.containsKey(key)) {
            return;
        }
        if (members.get(key).stream().anyMatch(alive::test)) {
            throw new SyscallException("rmdir", Errno.EBUSY, key);
        }
        String below = key + "/";
        if (files.keySet().stream().anyMatch(k -> k.startsWith(below))) {
            throw new SyscallException("rmdir", Errno.EBUSY, key);
        }
        files.remove(key);
        members.remove(key);
        devicePrograms.remove(key);
    }

    /** As bpf(BPF_PROG_ATTACH) on the unified hierarchy: the new program replaces the one attached before. */
    synchronized void attachDeviceProgram(String path, List<BpfInstruction> program) {
        existing("", path);
        devicePrograms.put(directory("", path), List.copyOf(program));
    }

    synchronized Optional<List<BpfInstruction>> deviceProgram(String path) {
        return Optional.ofNullable(devicePrograms.get(directory("", path)));
    }

    /** On a hybrid host the unified hierarchy's root holds the v1 mounts' directories: those are not its. */
    private boolean inHierarchy(String key, String hierarchy) {
        String root = directory(hierarchy, "");
        if (!key.equals(root) && !key.startsWith(root + "/")) {
            return false;
        }
        if (!hierarchy.isEmpty()) {
            return true;
        }
        return hierarchies.stream().filter(h -> !h.isEmpty()).map(h -> directory(h, ""))
                .noneMatch(v1 -> key.equals(v1) || key.startsWith(v1 + "/"));
    }

    private String knownHierarchy(String hierarchy, String path) {
        if (!hierarchies.contains(hierarchy)) {
            throw new SyscallException("mkdir", Errno.ENOENT, directory(hierarchy, path));
        }
        return hierarchy;
    }

    private Map<String, String> existing(String hierarchy, String path) {
        Map<String, String> f = files.get(directory(hierarchy, path));
        if (f == null) {
            throw new SyscallException("open", Errno.ENOENT, directory(hierarchy, path));
        }
        return f;
    }
}

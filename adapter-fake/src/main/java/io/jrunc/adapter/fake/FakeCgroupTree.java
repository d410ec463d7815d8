package io.jrunc.adapter.fake;

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

/** Cgroups per hierarchy: directories, their files and member pids; busy ones refuse rmdir. */
final class FakeCgroupTree {
    private final List<String> hierarchies = new ArrayList<>(List.of(""));
    private final Map<String, Map<String, String>> files = new HashMap<>();
    private final Map<String, Set<Integer>> members = new HashMap<>();

    synchronized List<String> hierarchies() {
        return List.copyOf(hierarchies);
    }

    String describe(String hierarchy, String path) {
        return "/sys/fs/cgroup" + (hierarchy.isEmpty() ? "" : "/" + hierarchy) + path;
    }

    synchronized void create(String hierarchy, String path) {
        String key = describe(hierarchy, path);
        if (files.containsKey(key)) {
            throw new SyscallException("mkdir", Errno.EEXIST, key);
        }
        files.put(key, new HashMap<>());
        members.put(key, new LinkedHashSet<>());
    }

    synchronized void write(String hierarchy, String path, String file, String value) {
        existing(hierarchy, path).put(file, value);
    }

    synchronized Optional<String> read(String hierarchy, String path, String file) {
        Map<String, String> f = files.get(describe(hierarchy, path));
        return f == null ? Optional.empty() : Optional.ofNullable(f.get(file));
    }

    synchronized void join(String hierarchy, String path, int pid) {
        existing(hierarchy, path);
        members.values().forEach(m -> m.remove(pid));
        members.get(describe(hierarchy, path)).add(pid);
    }

    synchronized List<Integer> processes(String hierarchy, String path, IntPredicate alive) {
        existing(hierarchy, path);
        List<Integer> live = new ArrayList<>();
        members.get(describe(hierarchy, path)).stream().filter(alive::test).forEach(live::add);
        return live;
    }

    synchronized void remove(String hierarchy, String path, IntPredicate alive) {
        String key = describe(hierarchy, path);
        if (!files.containsKey(key)) {
            return;
        }
        if (members.get(key).stream().anyMatch(alive::test)) {
            throw new SyscallException("rmdir", Errno.EBUSY, key);
        }
        files.remove(key);
        members.remove(key);
    }

    private Map<String, String> existing(String hierarchy, String path) {
        Map<String, String> f = files.get(describe(hierarchy, path));
        if (f == null) {
            throw new SyscallException("open", Errno.ENOENT, describe(hierarchy, path));
        }
        return f;
    }
}

package io.jrunc.domain.cgroups;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.BpfInstruction;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cgroupfs in a temporary directory, laid out and filled like a real host's: v2 (cgroup2 at the root),
 * v1 (one directory per hierarchy) or hybrid (v1 plus cgroup2 at "unified"). A new cgroup gets the files
 * its controllers have, with the kernel's defaults, and a few kernel rules are kept because the managers
 * depend on them: v2 children only get the controllers their parent delegates; a v1 memory limit may not
 * exceed memory+swap and memory+swap may not go below it; a process cannot join a v1 cpuset without CPUs;
 * a cgroup with processes or children cannot be removed; a missing file cannot be written (ENOENT).
 * Every write is logged in order, and {@link #refuse} makes the kernel say no to one file.
 */
final class TempCgroupfs implements Cgroups {
    static final String V1_MAX = "9223372036854771712";
    static final List<String> V1_MOUNTS = List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio",
            "pids", "hugetlb", "net_cls,net_prio", "rdma", "systemd");
    private static final String V2_CONTROLLERS = "cpuset cpu io memory hugetlb pids rdma";

    private final Path root;
    private final List<String> hierarchies;
    private final Map<String, Errno> refusals = new HashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final Map<String, List<BpfInstruction>> devicePrograms = new LinkedHashMap<>();
    /** Reads left before a freezer.state written FROZEN reads FROZEN (it reads FREEZING meanwhile). */
    private int freezingReads = 2;

    private TempCgroupfs(Path root, List<String> hierarchies) {
        this.root = root;
        this.hierarchies = List.copyOf(hierarchies);
        for (String h : hierarchies) {
            populate(h, "/");
        }
    }

    static TempCgroupfs v2(Path dir) {
        return new TempCgroupfs(dir, List.of(""));
    }

    static TempCgroupfs v1(Path dir) {
        return new TempCgroupfs(dir, V1_MOUNTS);
    }

    /** A v1 host whose kernel lacks one controller. */
    static TempCgroupfs v1Without(Path dir, String missing) {
        return new TempCgroupfs(dir, V1_MOUNTS.stream().filter(h -> !h.equals(missing)).toList());
    }

    static TempCgroupfs hybrid(Path dir) {
        List<String> all = new ArrayList<>(V1_MOUNTS);
        all.add("");
        return new TempCgroupfs(dir, all);
    }

    /** The next writes of {@code file} (any cgroup) fail with {@code errno}; "mkdir:<hierarchy>" fails a mkdir. */
    void refuse(String file, Errno errno) {
        refusals.put(file, errno);
    }

    /** Every write so far as "hierarchy:/path/file=value" ("" hierarchy for unified). */
    List<String> writes() {
        return List.copyOf(writes);
    }

    /** Writes of one file, values only, in order. */
    List<String> writesOf(String file) {
        String suffix = "/" + file + "=";
        return writes.stream().filter(w -> w.contains(suffix)).map(w -> w.substring(w.indexOf(suffix) + suffix.length()))
                .toList();
    }

    Map<String, List<BpfInstruction>> devicePrograms() {
        return devicePrograms;
    }

    Path dir(String hierarchy, String path) {
        Path mount = hierarchy.isEmpty() ? (hierarchies.size() > 1 ? root.resolve("unified") : root) : root.resolve(hierarchy);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.isEmpty() ? mount : mount.resolve(relative);
    }

    /** Sets a file as the kernel would show it (statistics, usage). */
    void put(String hierarchy, String path, String file, String content) {
        try {
            Files.writeString(dir(hierarchy, path).resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String hierarchy, String path, String file) {
        return read(hierarchy, path, file).orElseThrow(() -> new AssertionError("no " + file + " in " + path)).trim();
    }

    boolean exists(String hierarchy, String path) {
        return Files.isDirectory(dir(hierarchy, path));
    }

    @Override
    public List<String> hierarchies() {
        return hierarchies;
    }

    @Override
    public String directory(String hierarchy, String path) {
        return dir(hierarchy, path).toString();
    }

    @Override
    public void create(String hierarchy, String path) {
        Errno refused = refusals.remove("mkdir:" + hierarchy);
        if (refused != null) {
            throw new SyscallException("mkdir", refused, dir(hierarchy, path).toString());
        }
        Path d = dir(hierarchy, path);
        if (!Files.isDirectory(d.getParent())) {
            throw new SyscallException("mkdir", Errno.ENOENT, d.toString());
        }
        if (Files.exists(d)) {
            throw new SyscallException("mkdir", Errno.EEXIST, d.toString());
        }
        populate(hierarchy, path);
    }

    @Override
    public void write(String hierarchy, String path, String file, String value) {
        Path d = dir(hierarchy, path);
        Path f = d.resolve(file);
        Errno refused = refusals.remove(file);
        if (refused != null) {
            throw new SyscallException("write", refused, f.toString());
        }
        if (!Files.exists(f)) {
            throw new SyscallException("open", Errno.ENOENT, f.toString());
        }
        checkV1Memory(hierarchy, path, file, value);
        writes.add(hierarchy + ":" + path + "/" + file + "=" + value);
        switch (file) {
            case "cgroup.subtree_control" -> {
                Set<String> enabled = new LinkedHashSet<>(words(get(hierarchy, path, file)));
                for (String change : value.trim().split("\\s+")) {
                    if (change.startsWith("+")) {
                        enabled.add(change.substring(1));
                    } else if (change.startsWith("-")) {
                        enabled.remove(change.substring(1));
                    }
                }
                put(hierarchy, path, file, String.join(" ", enabled));
            }
            case "cgroup.freeze" -> {
                put(hierarchy, path, file, value.trim());
                put(hierarchy, path, "cgroup.events", "populated 1\nfrozen " + value.trim() + "\n");
            }
            case "freezer.state" -> {
                freezingReads = 2;
                put(hierarchy, path, file, value.trim());
            }
            case "memory.limit_in_bytes", "memory.memsw.limit_in_bytes" -> { } // stored by checkV1Memory
            case "cpu.shares" -> {
                long shares = Long.parseLong(value.trim());
                put(hierarchy, path, file, Long.toString(Math.max(2, Math.min(262144, shares))));
            }
            case "io.max", "io.weight", "io.bfq.weight", "blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device",
                    "blkio.throttle.read_iops_device", "blkio.throttle.write_iops_device", "blkio.weight_device",
                    "blkio.leaf_weight_device", "net_prio.ifpriomap", "rdma.max", "devices.allow", "devices.deny" ->
                    append(hierarchy, path, file, value);
            default -> put(hierarchy, path, file, value);
        }
    }

    /** The kernel keeps memory <= memory+swap at every write. */
    private void checkV1Memory(String hierarchy, String path, String file, String value) {
        if (hierarchy.isEmpty() || !(file.equals("memory.limit_in_bytes") || file.equals("memory.memsw.limit_in_bytes"))) {
            return;
        }
        long v = Long.parseLong(value.trim());
        long wanted = v == -1 ? Long.parseLong(V1_MAX) : v;
        long memory = Long.parseLong(get(hierarchy, path, "memory.limit_in_bytes"));
        long memsw = Long.parseLong(get(hierarchy, path, "memory.memsw.limit_in_bytes"));
        if (file.equals("memory.limit_in_bytes") ? wanted > memsw : wanted < memory) {
            throw new SyscallException("write", Errno.EINVAL, dir(hierarchy, path).resolve(file).toString());
        }
        put(hierarchy, path, file, Long.toString(wanted));
    }

    private void append(String hierarchy, String path, String file, String value) {
        String old = read(hierarchy, path, file).orElse("");
        put(hierarchy, path, file, old + value + "\n");
    }

    @Override
    public Optional<String> read(String hierarchy, String path, String file) {
        Path f = dir(hierarchy, path).resolve(file);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            String content = Files.readString(f);
            if (file.equals("freezer.state") && content.trim().equals("FROZEN") && freezingReads > 0) {
                freezingReads--;
                return Optional.of("FREEZING\n");
            }
            return Optional.of(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void join(String hierarchy, String path, int pid) {
        Path procs = dir(hierarchy, path).resolve("cgroup.procs");
        if (!Files.exists(procs)) {
            throw new SyscallException("open", Errno.ENOENT, procs.toString());
        }
        if (hierarchy.equals("cpuset") && get(hierarchy, path, "cpuset.cpus").isEmpty()) {
            throw new SyscallException("write", Errno.ENOSPC, procs.toString());
        }
        try (Stream<Path> all = Files.walk(dir(hierarchy, "/"))) {
            for (Path p : all.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                if (hierarchy.isEmpty() && hierarchies.size() > 1 && !p.startsWith(dir("", "/"))) {
                    continue;
                }
                List<String> kept = Files.readAllLines(p).stream().filter(l -> !l.equals(Integer.toString(pid))).toList();
                Files.writeString(p, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writes.add(hierarchy + ":" + path + "/cgroup.procs=" + pid);
        append(hierarchy, path, "cgroup.procs", Integer.toString(pid));
    }

    @Override
    public List<Integer> processes(String hierarchy, String path) {
        return read(hierarchy, path, "cgroup.procs").orElse("").lines().filter(l -> !l.isBlank())
                .map(l -> Integer.parseInt(l.trim())).toList();
    }

    /** Leaves a cgroup as the kernel does: only when empty of processes and children, taking its files along. */
    @Override
    public void remove(String hierarchy, String path) {
        Path d = dir(hierarchy, path);
        if (!Files.isDirectory(d)) {
            return;
        }
        try (Stream<Path> entries = Files.list(d)) {
            List<Path> all = entries.toList();
            if (all.stream().anyMatch(Files::isDirectory) || !processes(hierarchy, path).isEmpty()) {
                throw new SyscallException("rmdir", Errno.EBUSY, d.toString());
            }
            for (Path f : all) {
                Files.delete(f);
            }
            Files.delete(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void attachDeviceProgram(String path, List<BpfInstruction> program) {
        devicePrograms.put(path, program);
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private void populate(String hierarchy, String path) {
        try {
            Files.createDirectories(dir(hierarchy, path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean top = path.equals("/");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("cgroup.procs", "");
        if (hierarchy.isEmpty()) {
            v2Files(path, top, files);
        } else {
            files.put("tasks", "");
            for (String controller : hierarchy.split(",")) {
                v1Files(controller, top, files);
            }
        }
        files.forEach((file, content) -> put(hierarchy, path, file, content));
    }

    private void v2Files(String path, boolean top, Map<String, String> files) {
        List<String> controllers = top ? words(V2_CONTROLLERS)
                : words(get("", CgroupsPath.parent(path), "cgroup.subtree_control"));
        files.put("cgroup.controllers", String.join(" ", controllers));
        files.put("cgroup.subtree_control", "");
        files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
        if (!top) {
            files.put("cgroup.freeze", "0");
            files.put("cgroup.events", "populated 0\nfrozen 0\n");
        }
        for (String c : controllers) {
            if (top) {
                if (c.equals("cpuset")) {
                    files.put("cpuset.cpus.effective", "0-1");
                    files.put("cpuset.mems.effective", "0");
                }
                continue;
            }
            switch (c) {
                case "memory" -> files.putAll(Map.of("memory.current", "0", "memory.max", "max", "memory.low", "0",
                        "memory.high", "max", "memory.swap.max", "max", "memory.swap.current", "0",
                        "memory.stat", "anon 0\nfile 0\n", "memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n"));
                case "cpu" -> {
                    files.putAll(Map.of("cpu.weight", "100", "cpu.max", "max 100000", "cpu.max.burst", "0", "cpu.idle", "0"));
                    files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\n"
                            + "throttled_usec 0\n");
                }
                case "pids" -> files.putAll(Map.of("pids.max", "max", "pids.current", "0"));
                case "io" -> files.putAll(Map.of("io.weight", "default 100\n", "io.max", "", "io.stat", ""));
                case "cpuset" -> files.putAll(Map.of("cpuset.cpus", "", "cpuset.mems", "", "cpuset.cpus.effective", "0-1"));
                // 2MB with its reservation limit (Linux 5.7+), 1GB without, so both cases are seen.
                case "hugetlb" -> files.putAll(Map.of("hugetlb.2MB.max", "max", "hugetlb.2MB.current", "0",
                        "hugetlb.2MB.rsvd.max", "max", "hugetlb.1GB.max", "max", "hugetlb.1GB.current", "0"));
                case "rdma" -> files.put("rdma.max", "");
                default -> { }
            }
        }
    }

    private static void v1Files(String controller, boolean top, Map<String, String> files) {
        switch (controller) {
            case "memory" -> {
                for (String prefix : List.of("memory.", "memory.memsw.", "memory.kmem.", "memory.kmem.tcp.")) {
                    files.put(prefix + "usage_in_bytes", "0");
                    files.put(prefix + "max_usage_in_bytes", "0");
                    files.put(prefix + "failcnt", "0");
                    files.put(prefix + "limit_in_bytes", V1_MAX);
                }
                files.putAll(Map.of("memory.soft_limit_in_bytes", V1_MAX, "memory.swappiness", "60",
                        "memory.use_hierarchy", "1", "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n",
                        "memory.stat", "cache 0\nrss 0\ntotal_cache 0\n"));
            }
            case "cpu" -> files.putAll(Map.of("cpu.shares", "1024", "cpu.cfs_period_us", "100000", "cpu.cfs_quota_us", "-1",
                    "cpu.cfs_burst_us", "0", "cpu.rt_period_us", "1000000", "cpu.rt_runtime_us", top ? "950000" : "0",
                    "cpu.idle", "0", "cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n"));
            case "cpuacct" -> files.putAll(Map.of("cpuacct.usage", "0", "cpuacct.usage_percpu", "0 0",
                    "cpuacct.stat", "user 0\nsystem 0\n"));
            case "cpuset" -> files.putAll(Map.of("cpuset.cpus", top ? "0-1" : "", "cpuset.mems", top ? "0" : ""));
            case "devices" -> files.putAll(Map.of("devices.allow", "", "devices.deny", "", "devices.list", "a *:* rwm\n"));
            case "freezer" -> files.put("freezer.state", "THAWED");
            case "blkio" -> {
                files.putAll(Map.of("blkio.weight", "500", "blkio.leaf_weight", "500", "blkio.weight_device", "",
                        "blkio.leaf_weight_device", "", "blkio.throttle.read_bps_device", "",
                        "blkio.throttle.write_bps_device", "", "blkio.throttle.read_iops_device", "",
                        "blkio.throttle.write_iops_device", ""));
                for (String stat : List.of("io_service_bytes_recursive", "io_serviced_recursive", "io_queued_recursive",
                        "io_service_time_recursive", "io_wait_time_recursive", "io_merged_recursive", "time_recursive",
                        "sectors_recursive")) {
                    files.put("blkio." + stat, "");
                }
            }
            case "pids" -> {
                if (!top) {
                    files.putAll(Map.of("pids.max", "max", "pids.current", "0"));
                }
            }
            case "hugetlb" -> {
                for (String size : List.of("2MB", "1GB")) {
                    files.putAll(Map.of("hugetlb." + size + ".limit_in_bytes", V1_MAX, "hugetlb." + size + ".usage_in_bytes", "0",
                            "hugetlb." + size + ".max_usage_in_bytes", "0", "hugetlb." + size + ".failcnt", "0"));
                }
                // 2MB with its reservation limit (Linux 5.7+), 1GB without, so both cases are seen.
                files.put("hugetlb.2MB.rsvd.limit_in_bytes", V1_MAX);
            }
            case "net_cls" -> files.put("net_cls.classid", "0");
            case "net_prio" -> files.put("net_prio.ifpriomap", "lo 0\n");
            case "rdma" -> files.put("rdma.max", "");
            default -> { }
        }
    }

    /** What is in the tree, for failure messages. */
    @Override
    public String toString() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isDirectory).map(root::relativize).map(Path::toString).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return root.toString();
        }
    }
}

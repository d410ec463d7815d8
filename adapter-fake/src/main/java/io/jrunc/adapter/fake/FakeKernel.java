package io.jrunc.adapter.fake;

import io.jrunc.adapter.fake.FakeTree.Kind;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Seccomp;
import io.jrunc.ports.Syscalls;
import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One in-memory kernel behind every port: it records each call in one ordered journal, keeps enough state
 * (files, mounts, hostname, processes, fds, cgroups, limits) for tests to assert outcomes, answers with the
 * errnos the real kernel gives for the cases it covers, and fails a call on request.
 */
public final class FakeKernel implements Namespaces, Mounts, Filesystem, Syscalls, Processes, ProcFs, Credentials,
        Cgroups, Network, Seccomp, FileDescriptors {
    private static final int HOST_NAME_MAX = 64;

    private final Journal journal = new Journal();
    private final FakeTree tree = new FakeTree();
    private final FakeProcessTable processes = new FakeProcessTable();
    private final Fifos fifos = new Fifos();
    private final FakeCgroupTree cgroups = new FakeCgroupTree();
    private final List<MountRequest> mounts = new ArrayList<>();
    private final Map<Integer, String> fds = new HashMap<>();
    private final Map<String, String> procFiles = new HashMap<>();
    private final Map<String, String> sysctls = new HashMap<>();
    private final Map<Integer, Map<RlimitResource, long[]>> rlimits = new HashMap<>();
    private final List<String> linksUp = new ArrayList<>();
    private final List<SeccompFilter> filters = new ArrayList<>();
    private int nextFd = 3;
    private String hostname = "localhost";
    private String domainname = "(none)";
    private String root = "/";
    private String cwd = "/";
    private int[] ids = {0, 0};
    private List<Integer> groups = List.of();
    private boolean noNewPrivileges;
    private boolean dumpable = true;

    // --- test helpers ---------------------------------------------------------------------------------

    public List<Call> journal() {
        return journal.calls();
    }

    public void clearJournal() {
        journal.clear();
    }

    /** The next call to {@code syscall} fails with {@code errno}. */
    public void failNext(String syscall, Errno errno) {
        journal.failNext(syscall, errno);
    }

    /** Every call that matches fails with {@code errno}. */
    public void failWhen(Predicate<Call> match, Errno errno) {
        journal.failWhen(match, errno);
    }

    public void addDirectory(String path) {
        tree.put(FakeTree.normalize(path), Kind.DIRECTORY);
    }

    public void addFile(String path) {
        tree.put(FakeTree.normalize(path), Kind.FILE);
    }

    public void addExecutable(String path) {
        tree.put(FakeTree.normalize(path), Kind.EXECUTABLE);
    }

    /** A process ends by itself, e.g. the container's process exits. */
    public void exit(int pid, int code) {
        processes.end(pid, ExitStatus.exited(code));
    }

    public List<MountRequest> mounts() {
        synchronized (mounts) {
            return List.copyOf(mounts);
        }
    }

    public String hostname() {
        return hostname;
    }

    public String root() {
        return root;
    }

    public Optional<List<String>> program(int pid) {
        return processes.get(pid).map(p -> p.program);
    }

    public Optional<Set<Namespace>> namespacesOf(int pid) {
        return processes.get(pid).map(p -> p.namespaces);
    }

    public Optional<long[]> rlimit(int pid, RlimitResource resource) {
        return Optional.ofNullable(rlimits.getOrDefault(pid, Map.of()).get(resource));
    }

    public Optional<String> procValue(int pid, String path) {
        return Optional.ofNullable(procFiles.get(pid + "/" + path));
    }

    public int[] credentials() {
        return ids.clone();
    }

    public boolean noNewPrivileges() {
        return noNewPrivileges;
    }

    public boolean dumpable() {
        return dumpable;
    }

    public Map<Integer, String> openFds() {
        synchronized (fds) {
            return Map.copyOf(fds);
        }
    }

    private void record(String syscall, Object... args) {
        journal.record(Call.of(syscall, args));
    }

    private String abs(String path) {
        return FakeTree.normalize(path.startsWith("/") ? path : cwd + "/" + path);
    }

    // --- Namespaces -----------------------------------------------------------------------------------

    @Override
    public void unshare(Set<Namespace> namespaces) {
        record("unshare", namespaces);
    }

    @Override
    public void setns(String path, Namespace type) {
        record("setns", path, type);
        if (!tree.exists(abs(path)) && !path.startsWith("/proc/")) {
            throw new SyscallException("setns", Errno.ENOENT, path);
        }
    }

    // --- Mounts ---------------------------------------------------------------------------------------

    @Override
    public void mount(MountRequest request) {
        journal.record(new Call("mount", List.of(request), null));
        String target = abs(request.target());
        if (!tree.exists(target)) {
            throw new SyscallException("mount", Errno.ENOENT, request.toString());
        }
        boolean changesOnlyPropagation = request.fstype().isEmpty() && !request.flags().contains(MountFlag.MS_BIND)
                && !request.flags().contains(MountFlag.MS_MOVE) && !request.flags().contains(MountFlag.MS_REMOUNT);
        if (!changesOnlyPropagation) {
            synchronized (mounts) {
                mounts.add(request);
            }
        }
    }

    @Override
    public void unmount(String target, boolean detach) {
        record("umount2", target, detach ? "MNT_DETACH" : "0");
        String t = abs(target);
        synchronized (mounts) {
            for (int i = mounts.size() - 1; i >= 0; i--) {
                if (abs(mounts.get(i).target()).equals(t)) {
                    mounts.remove(i);
                    return;
                }
            }
        }
        // pivot_root(".", ".") stacks the old root on "."; unmounting it is the recipe, not an error.
        if (!t.equals(root)) {
            throw new SyscallException("umount2", Errno.EINVAL, target);
        }
    }

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        record("pivot_root", newRoot, putOld);
        String r = abs(newRoot);
        if (tree.get(r) == null) {
            throw new SyscallException("pivot_root", Errno.ENOENT, newRoot);
        }
        if (tree.get(r).kind() != Kind.DIRECTORY) {
            throw new SyscallException("pivot_root", Errno.ENOTDIR, newRoot);
        }
        root = r;
    }

    @Override
    public void chroot(String path) {
        record("chroot", path);
        root = abs(path);
    }

    // --- Filesystem -----------------------------------------------------------------------------------

    @Override
    public boolean exists(String path) {
        return tree.exists(abs(path));
    }

    @Override
    public boolean isDirectory(String path) {
        FakeTree.Node n = tree.get(abs(path));
        return n != null && n.kind() == Kind.DIRECTORY;
    }

    @Override
    public void mkdirs(String path, int mode) {
        record("mkdir", path, octal(mode));
        tree.mkdirs(abs(path));
    }

    @Override
    public void touch(String path, int mode) {
        record("open", path, "O_CREAT", octal(mode));
        if (!tree.exists(abs(path))) {
            tree.create("open", abs(path), Kind.FILE, "");
        }
    }

    @Override
    public void mknod(DeviceNode node) {
        record("mknod", node.path(), node.type() + " " + octal(node.mode()), node.major() + ":" + node.minor());
        tree.create("mknod", abs(node.path()), node.type() == 'p' ? Kind.FIFO : Kind.DEVICE, "");
    }

    @Override
    public void symlink(String target, String linkPath) {
        record("symlink", target, linkPath);
        tree.create("symlink", abs(linkPath), Kind.SYMLINK, target);
    }

    @Override
    public void chown(String path, int uid, int gid) {
        record("chown", path, uid, gid);
        if (!tree.exists(abs(path))) {
            throw new SyscallException("chown", Errno.ENOENT, path);
        }
    }

    @Override
    public void chdir(String path) {
        record("chdir", path);
        FakeTree.Node n = tree.get(abs(path));
        if (n == null) {
            throw new SyscallException("chdir", Errno.ENOENT, path);
        }
        if (n.kind() != Kind.DIRECTORY) {
            throw new SyscallException("chdir", Errno.ENOTDIR, path);
        }
        cwd = abs(path);
    }

    @Override
    public void mkfifo(String path, int mode) {
        record("mkfifo", path, octal(mode));
        tree.create("mkfifo", abs(path), Kind.FIFO, "");
        fifos.create(abs(path));
    }

    @Override
    public byte[] readFifo(String path) {
        record("open", path, "O_RDONLY");
        return fifos.read(fifoPath(path));
    }

    @Override
    public void writeFifo(String path, byte[] content) {
        record("open", path, "O_WRONLY");
        fifos.write(fifoPath(path), content);
    }

    /** /proc/self/fd/N reopens what fd N holds, as the kernel does for an O_PATH fd. */
    private String fifoPath(String path) {
        if (path.startsWith("/proc/self/fd/")) {
            String held;
            synchronized (fds) {
                held = fds.get(Integer.parseInt(path.substring("/proc/self/fd/".length())));
            }
            if (held == null) {
                throw new SyscallException("open", Errno.ENOENT, path);
            }
            return held;
        }
        FakeTree.Node n = tree.get(abs(path));
        if (n == null) {
            throw new SyscallException("open", Errno.ENOENT, path);
        }
        if (n.kind() != Kind.FIFO) {
            throw new SyscallException("open", Errno.ENXIO, path);
        }
        return abs(path);
    }

    /** Only the init looks programs up, after pivot_root: the path is the container's, under the new root. */
    @Override
    public boolean isExecutable(String path) {
        FakeTree.Node n = tree.get(underRoot(path));
        return n != null && n.kind() == Kind.EXECUTABLE;
    }

    private String underRoot(String path) {
        return root.equals("/") ? abs(path) : FakeTree.normalize(root + "/" + path);
    }

    @Override
    public void remove(String path) {
        record("unlink", path);
        String p = abs(path);
        if (tree.exists(p)) {
            tree.remove(p);
            fifos.remove(p);
        }
    }

    @Override
    public void removeTree(String path) {
        record("rm -rf", path);
        tree.removeTree(abs(path));
    }

    // --- Syscalls -------------------------------------------------------------------------------------

    @Override
    public void sethostname(String name) {
        record("sethostname", name);
        if (name.getBytes(StandardCharsets.UTF_8).length > HOST_NAME_MAX) {
            throw new SyscallException("sethostname", Errno.EINVAL, name);
        }
        hostname = name;
    }

    @Override
    public void setdomainname(String name) {
        record("setdomainname", name);
        if (name.getBytes(StandardCharsets.UTF_8).length > HOST_NAME_MAX) {
            throw new SyscallException("setdomainname", Errno.EINVAL, name);
        }
        domainname = name;
    }

    @Override
    public void prlimit(int pid, RlimitResource resource, long soft, long hard) {
        record("prlimit", pid, resource, soft, hard);
        // Limits are unsigned in the kernel: RLIM_INFINITY (-1 here) is above every finite one.
        if (Long.compareUnsigned(soft, hard) > 0) {
            throw new SyscallException("prlimit", Errno.EINVAL, resource.name());
        }
        if (pid != 0 && !processes.isAlive(pid)) {
            throw new SyscallException("prlimit", Errno.ESRCH, Integer.toString(pid));
        }
        synchronized (rlimits) {
            rlimits.computeIfAbsent(pid, p -> new HashMap<>()).put(resource, new long[] {soft, hard});
        }
    }

    @Override
    public void umask(int mask) {
        record("umask", octal(mask));
    }

    // --- Processes ------------------------------------------------------------------------------------

    @Override
    public int spawn(SpawnRequest request) {
        record("posix_spawn", request.executable(), request.argv(), request.newNamespaces(), request.inheritedFds());
        return processes.spawn(request);
    }

    @Override
    public ExitStatus waitFor(int pid) {
        record("wait4", pid);
        return processes.waitFor(pid);
    }

    @Override
    public OptionalLong startTime(int pid) {
        return processes.startTime(pid);
    }

    @Override
    public boolean isAlive(int pid) {
        return processes.isAlive(pid);
    }

    @Override
    public void kill(int pid, int signal) {
        record("kill", pid, signal);
        processes.kill(pid, signal);
    }

    /** The fake knows namespaces only as the set a process was born with: same set, same namespaces. */
    @Override
    public List<Integer> sharingNamespace(int pid, Namespace type) {
        return processes.sharing(pid, type);
    }

    @Override
    public int self() {
        return FakeProcessTable.SELF;
    }

    @Override
    public void exec(String path, List<String> argv, List<String> env) {
        record("execve", path, argv);
        FakeTree.Node n = tree.get(underRoot(path));
        if (n == null) {
            throw new SyscallException("execve", Errno.ENOENT, path);
        }
        if (n.kind() != Kind.EXECUTABLE) {
            throw new SyscallException("execve", Errno.EACCES, path);
        }
    }

    // --- ProcFs ---------------------------------------------------------------------------------------

    @Override
    public void write(int pid, String relativePath, String value) {
        record("write", "/proc/" + (pid == 0 ? "self" : pid) + "/" + relativePath, value);
        if (pid != 0 && !processes.isAlive(pid)) {
            throw new SyscallException("open", Errno.ENOENT, "/proc/" + pid + "/" + relativePath);
        }
        if (relativePath.equals("oom_score_adj")) {
            int score;
            try {
                score = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new SyscallException("write", Errno.EINVAL, "oom_score_adj " + value);
            }
            if (score < -1000 || score > 1000) {
                throw new SyscallException("write", Errno.EINVAL, "oom_score_adj " + value);
            }
        }
        synchronized (procFiles) {
            procFiles.put(pid + "/" + relativePath, value);
        }
    }

    @Override
    public Optional<String> read(int pid, String relativePath) {
        synchronized (procFiles) {
            return Optional.ofNullable(procFiles.get(pid + "/" + relativePath));
        }
    }

    @Override
    public void writeSysctl(String key, String value) {
        record("write", "/proc/sys/" + key.replace('.', '/'), value);
        synchronized (sysctls) {
            sysctls.put(key, value);
        }
    }

    // --- Credentials ----------------------------------------------------------------------------------

    @Override
    public void setgroups(List<Integer> gids) {
        record("setgroups", gids);
        groups = List.copyOf(gids);
    }

    @Override
    public void setresgid(int rgid, int egid, int sgid) {
        record("setresgid", rgid, egid, sgid);
        ids[1] = egid;
    }

    @Override
    public void setresuid(int ruid, int euid, int suid) {
        record("setresuid", ruid, euid, suid);
        ids[0] = euid;
    }

    @Override
    public void setNoNewPrivileges() {
        record("prctl", "PR_SET_NO_NEW_PRIVS", 1);
        noNewPrivileges = true;
    }

    @Override
    public void setNotDumpable() {
        record("prctl", "PR_SET_DUMPABLE", 0);
        dumpable = false;
    }

    @Override
    public void setCapabilities(Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                                Set<Integer> inheritable, Set<Integer> ambient) {
        record("capset", bounding, effective, permitted, inheritable, ambient);
    }

    // --- Cgroups --------------------------------------------------------------------------------------

    @Override
    public List<String> hierarchies() {
        return cgroups.hierarchies();
    }

    @Override
    public void create(String hierarchy, String path) {
        record("mkdir", cgroups.describe(hierarchy, path));
        cgroups.create(hierarchy, path);
    }

    @Override
    public void write(String hierarchy, String path, String file, String value) {
        record("write", cgroups.describe(hierarchy, path) + "/" + file, value);
        cgroups.write(hierarchy, path, file, value);
    }

    @Override
    public Optional<String> read(String hierarchy, String path, String file) {
        return cgroups.read(hierarchy, path, file);
    }

    @Override
    public void join(String hierarchy, String path, int pid) {
        record("write", cgroups.describe(hierarchy, path) + "/cgroup.procs", pid);
        cgroups.join(hierarchy, path, pid);
    }

    @Override
    public List<Integer> processes(String hierarchy, String path) {
        return cgroups.processes(hierarchy, path, processes::isAlive);
    }

    @Override
    public void remove(String hierarchy, String path) {
        record("rmdir", cgroups.describe(hierarchy, path));
        cgroups.remove(hierarchy, path, processes::isAlive);
    }

    // --- Network, Seccomp -----------------------------------------------------------------------------

    @Override
    public void linkUp(String name) {
        record("ioctl", name, "SIOCSIFFLAGS IFF_UP");
        linksUp.add(name);
    }

    @Override
    public void addRoute(RouteRequest route) {
        record("RTM_NEWROUTE", route.destination(), route.gateway(), route.interfaceName());
    }

    @Override
    public void load(SeccompFilter filter) {
        record("seccomp", "SECCOMP_SET_MODE_FILTER", filter.defaultAction().name(), filter.rules().size() + " rules");
        filters.add(filter);
    }

    // --- FileDescriptors ------------------------------------------------------------------------------

    @Override
    public int openPath(String path) {
        record("open", path, "O_PATH|O_CLOEXEC");
        if (!tree.exists(abs(path))) {
            throw new SyscallException("open", Errno.ENOENT, path);
        }
        synchronized (fds) {
            int fd = nextFd++;
            fds.put(fd, abs(path));
            return fd;
        }
    }

    @Override
    public int[] socketPair() {
        record("socketpair", "AF_UNIX", "SOCK_STREAM|SOCK_CLOEXEC");
        synchronized (fds) {
            int a = nextFd++;
            int b = nextFd++;
            fds.put(a, "socket:[" + a + "]");
            fds.put(b, "socket:[" + b + "]");
            return new int[] {a, b};
        }
    }

    @Override
    public void write(int fd, byte[] data) {
        record("write", fd, data.length + " bytes");
        checkOpen("write", fd);
    }

    @Override
    public byte[] read(int fd, int max) {
        record("read", fd, max);
        checkOpen("read", fd);
        return new byte[0];
    }

    @Override
    public void close(int fd) {
        record("close", fd);
        synchronized (fds) {
            if (fds.remove(fd) == null) {
                throw new SyscallException("close", Errno.EBADF, Integer.toString(fd));
            }
        }
    }

    /** What stays open across execve: only fds below {@code lowest} (the fake keeps none of its own). */
    @Override
    public void closeOnExecFrom(int lowest) {
        record("close_range", lowest, "~0U", "CLOSE_RANGE_CLOEXEC");
    }

    private void checkOpen(String syscall, int fd) {
        synchronized (fds) {
            if (!fds.containsKey(fd)) {
                throw new SyscallException(syscall, Errno.EBADF, Integer.toString(fd));
            }
        }
    }

    private static String octal(int mode) {
        return "0" + Integer.toOctalString(mode);
    }
}

package io.jrunc.adapter.fake;

import io.jrunc.adapter.fake.FakeFilesystem.Kind;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FsCredentials;
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
import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.RouteMessage;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One in-memory kernel behind every port: each effect lands in one ordered journal, enough state is kept
 * (files, mounts, hostname, processes, fifos, fds, cgroups, limits, credentials) for tests to assert
 * outcomes, the errnos are the real kernel's for the cases it covers, and any call fails on request.
 * The state lives in small package-private tables; this class records and delegates.
 */
public final class FakeKernel implements Namespaces, Mounts, Filesystem, Syscalls, Processes, ProcFs, Credentials,
        FsCredentials, Cgroups, Network, Seccomp, FileDescriptors, io.jrunc.ports.ProcessAttributes {
    /** A soft and hard limit as prlimit set them; -1 is RLIM_INFINITY. */
    public record Rlimit(long soft, long hard) {
    }

    /** The caller's credentials after the Credentials calls so far; capabilities by number. */
    public record CallerCredentials(int uid, int gid, List<Integer> groups, boolean noNewPrivileges,
                                    Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                                    Set<Integer> inheritable, Set<Integer> ambient) {
    }

    private static final int HOST_NAME_MAX = 64;
    private static final String PROC_SELF_FD = "/proc/self/fd/";

    private final Journal journal = new Journal();
    private final FakeFilesystem files = new FakeFilesystem();
    private final FakeCgroupTree cgroups = new FakeCgroupTree();
    private final FakeMountTable mounts = new FakeMountTable(files, cgroups::isDirectory);
    private final FakeProcessTable processes = new FakeProcessTable();
    private final Fifos fifos = new Fifos();
    private final FakeCaller caller = new FakeCaller();
    private final FakeFdTable fds = new FakeFdTable();
    private final List<String> linksUp = new CopyOnWriteArrayList<>();
    private final List<RouteRequest> routes = new CopyOnWriteArrayList<>();
    private final List<SeccompFilter> filters = new CopyOnWriteArrayList<>();
    private volatile String hostname = "localhost";
    private volatile String domainname = "(none)";
    private volatile int umask = 022;
    /** uid and gid by absolute path, as chown left them; absent means root's, as the runtime makes files. */
    private final Map<String, List<Integer>> owners = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each node mknod made, by absolute path: its type and numbers, as stat(2) gives them back. */
    private final Map<String, DeviceNode> nodes = new java.util.concurrent.ConcurrentHashMap<>();
    /** The caller's namespaces by type, where unshare or setns moved it from the host's ("uts:[host]"). */
    private final Map<Namespace, String> callerNamespaces = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextNamespace = new java.util.concurrent.atomic.AtomicLong(1);

    // ===== Journal and failure injection =================================================================

    /** Every call so far, in order, across all ports; failed attempts are {@link Call.Failed} in place. */
    public List<Call> journal() {
        return journal.calls();
    }

    /** The attempts of one kind, failed ones included (unwrapped); see {@link #failures()} for which failed. */
    public <T extends Call> List<T> journalOf(Class<T> kind) {
        return journal.calls().stream()
                .map(c -> c instanceof Call.Failed ? ((Call.Failed) c).call() : c)
                .filter(kind::isInstance).map(kind::cast).collect(Collectors.toList());
    }

    public List<Call.Failed> failures() {
        return journal.calls().stream().filter(Call.Failed.class::isInstance).map(Call.Failed.class::cast)
                .collect(Collectors.toList());
    }

    public void clearJournal() {
        journal.clear();
    }

    /** The next call of this kind fails with {@code errno}; queued ones are used up in the order given. */
    public void failNext(Class<? extends Call> kind, Errno errno) {
        journal.failNext(kind, errno);
    }

    /** Every call that matches fails with {@code errno}, until {@link #clearFailures()}. */
    public void failWhen(Predicate<Call> match, Errno errno) {
        journal.failWhen(match, errno);
    }

    public void clearFailures() {
        journal.clearFailures();
    }

    /** For the state store, so that its calls land in this kernel's journal. */
    Journal sharedJournal() {
        return journal;
    }

    /** For the terminals, whose fds live among this kernel's. */
    FakeFdTable fdTable() {
        return fds;
    }

    // ===== Seeding and reading the simulated state (tests) ================================================

    public void addDirectory(String path) {
        files.seed(path, Kind.DIRECTORY);
    }

    public void addFile(String path) {
        files.seed(path, Kind.FILE);
    }

    /** A regular file holding {@code content}, which {@link #readFile} gives back. */
    public void addFile(String path, String content) {
        files.seed(path, Kind.FILE, content);
    }

    public void addExecutable(String path) {
        files.seed(path, Kind.EXECUTABLE);
    }

    /** The state store's own directories: made and removed without a journal entry of the kernel's. */
    void seedDirectory(String path) {
        files.mkdirs(path);
    }

    void removeSilently(String path) {
        files.removeTree(path);
    }

    public boolean isFifo(String path) {
        return files.is(path, Kind.FIFO);
    }

    public boolean isDevice(String path) {
        return files.is(path, Kind.DEVICE);
    }

    /** Where the symlink at {@code path} points, if there is one. */
    public Optional<String> symlinkTarget(String path) {
        return files.node(path).filter(n -> n.kind() == Kind.SYMLINK).map(FakeFilesystem.Node::target);
    }

    public String cwd() {
        return files.cwd();
    }

    public List<MountRequest> mounts() {
        return mounts.mounts();
    }

    public boolean isMountPoint(String path) {
        return mounts.isMountPoint(path);
    }

    /** The caller's root, moved by pivot_root and chroot. */
    public String root() {
        return mounts.root();
    }

    public String hostname() {
        return hostname;
    }

    public String domainname() {
        return domainname;
    }

    /** The caller's umask, as umask(2) left it. */
    public int umask() {
        return umask;
    }

    /** uid and gid of what is at {@code path}, as stat(2) gives them; empty when nothing is there. */
    public Optional<List<Integer>> owner(String path) {
        return files.exists(path) ? Optional.of(owners.getOrDefault(files.absolute(path), List.of(0, 0)))
                : Optional.empty();
    }

    /** The node mknod made at {@code path}: type, mode and numbers. */
    public Optional<DeviceNode> deviceNode(String path) {
        return files.exists(path) ? Optional.ofNullable(nodes.get(files.absolute(path))) : Optional.empty();
    }

    /**
     * The caller's namespace of a type as /proc/thread-self/ns/NAME names it: "uts:[host]" until unshare
     * gives it a new one or setns moves it.
     */
    public String namespace(Namespace type) {
        return callerNamespaces.getOrDefault(type, type.procName() + ":[host]");
    }

    /** Puts the caller back in the host's namespaces, as a thread the test threw away leaves them. */
    public void restoreNamespaces() {
        callerNamespaces.clear();
    }

    /** An fd opened without O_CLOEXEC, as a program would inherit it (made by a test, never by a port). */
    public int openInherited(String path) {
        return fds.openInherited(files.absolute(path));
    }

    public boolean closeOnExec(int fd) {
        return fds.closeOnExec(fd);
    }

    /**
     * A unix socket listening at {@code path} (a socket file there; "@name" is abstract and has none), as an engine's
     * console socket or a seccomp agent would make it: no port listens, so tests and the dry run make them here.
     * Closing the fd ends the listening; the file stays.
     */
    public int listenUnix(String path) {
        String where = path.startsWith("@") ? path : files.absolute(path);
        if (!path.startsWith("@")) {
            files.seed(where, Kind.SOCKET);
        }
        return fds.listen(where);
    }

    /** The server end of the oldest connection to {@code listener}'s socket that is not accepted yet. */
    public int acceptUnix(int listener) {
        return fds.accept(listener);
    }

    /** What /proc/self/fd/N would lead to: the path {@code fd} holds, empty when it is not open. */
    public Optional<String> fdPath(int fd) {
        return Optional.ofNullable(fds.path(fd));
    }

    /** The process ends by itself with {@code code}, as a container's process exits. */
    public void exit(int pid, int code) {
        processes.end(pid, ExitStatus.exited(code));
    }

    /** The process has a handler for {@code signal} (SIGTERM, say): kill leaves it alive. SIGKILL still ends it. */
    public void ignoreSignal(int pid, int signal) {
        processes.ignore(pid, signal);
    }

    /**
     * Until the returned handle closes, calls from this thread come from {@code pid} (execve replaces its
     * program), as the in-process init is that process.
     */
    public Acting actAs(int pid) {
        processes.actAs(pid);
        return processes::actAsSelf;
    }

    /** A handle that ends {@link #actAs}; closing throws nothing. */
    public interface Acting extends AutoCloseable {
        @Override
        void close();
    }

    /** The argv a process runs: what spawn gave it, or what it exec'd since. */
    public Optional<List<String>> program(int pid) {
        return processes.program(pid);
    }

    public Optional<Set<Namespace>> namespacesOf(int pid) {
        return processes.namespaces(pid);
    }

    public Map<RlimitResource, Rlimit> rlimits(int pid) {
        return caller.rlimits(pid);
    }

    public Optional<Rlimit> rlimit(int pid, RlimitResource resource) {
        return Optional.ofNullable(caller.rlimits(pid).get(resource));
    }

    /** The value last written to /proc/[pid]/{path} (pid 0 for self). */
    public Optional<String> procValue(int pid, String path) {
        return Optional.ofNullable(caller.proc(pid, path));
    }

    public Map<String, String> sysctls() {
        return caller.sysctls();
    }

    public CallerCredentials credentials() {
        return caller.credentials();
    }

    /**
     * The fake keeps one caller where the kernel keeps credentials per thread: a test that changed them on a
     * thread it then threw away puts back what the caller had before ({@link #credentials()}), keep-caps off.
     */
    public void restoreCredentials(CallerCredentials before) {
        caller.update(c -> before);
        caller.keepCapabilities(false);
    }

    public boolean noNewPrivileges() {
        return caller.credentials().noNewPrivileges();
    }

    public void setCgroupHierarchies(List<String> mounted) {
        cgroups.setHierarchies(mounted);
    }

    public boolean cgroupExists(String hierarchy, String path) {
        return cgroups.exists(hierarchy, path);
    }

    public List<String> linksUp() {
        return List.copyOf(linksUp);
    }

    public List<RouteRequest> routes() {
        return List.copyOf(routes);
    }

    public List<SeccompFilter> seccompFilters() {
        return List.copyOf(filters);
    }

    public Map<Integer, String> openFds() {
        return fds.snapshot();
    }

    /** Whether someone blocks in writeFifo on that path, waiting for a reader. */
    public boolean fifoWriterWaiting(String path) {
        return fifos.writerWaiting(files.absolute(path));
    }

    public boolean fifoReaderWaiting(String path) {
        return fifos.readerWaiting(files.absolute(path));
    }

    /** The test reads the fifo: the waiting writer returns; empty when no writer waits. Not journaled. */
    public Optional<byte[]> releaseFifoWriter(String path) {
        return fifos.releaseWriter(files.absolute(path));
    }

    /** The test writes the fifo: a waiting reader gets {@code content}; false when none waits. Not journaled. */
    public boolean releaseFifoReader(String path, byte[] content) {
        return fifos.releaseReader(files.absolute(path), content);
    }

    // ===== Namespaces ======================================================================================

    @Override
    public void unshare(Set<Namespace> namespaces) {
        journal.run(new Call.Unshare(namespaces), () -> namespaces.forEach(type ->
                callerNamespaces.put(type, type.procName() + ":[" + nextNamespace.getAndIncrement() + "]")));
    }

    @Override
    public void setns(String path, Namespace type) {
        journal.run(new Call.Setns(path, type), () -> {
            // /proc/[pid]/ns/* of a live process is there without being seeded; bind mounts of one must be.
            Optional<String> procName = procNamespaceOfLiveProcess(path);
            if (procName.isPresent()) {
                if (!procName.get().equals(type.procName())) {
                    throw new SyscallException("setns", Errno.EINVAL, path); // a namespace of another type
                }
                callerNamespaces.put(type, namespaceAt(path, type));
                return;
            }
            if (!files.exists(path)) {
                throw new SyscallException("open", Errno.ENOENT, path);
            }
            if (!mounts.isMountPoint(path)) {
                throw new SyscallException("setns", Errno.EINVAL, path); // a file that names no namespace
            }
            callerNamespaces.put(type, type.procName() + ":[bound " + files.absolute(path) + "]");
        });
    }

    /** What each fd openNamespace gave holds ("user:[pid 1000]"), as the process may be gone since. */
    private final Map<Integer, String> openedNamespaces = new java.util.concurrent.ConcurrentHashMap<>();

    /** A namespace of a live process, held by an fd the fake's table knows by its path. */
    @Override
    public int openNamespace(String path) {
        return journal.run(new Call.OpenNamespace(path), () -> {
            Optional<String> name = procNamespaceOfLiveProcess(path);
            if (name.isEmpty()) {
                throw new SyscallException("open", Errno.ENOENT, path);
            }
            int fd = fds.openPath(path);
            // Which namespace it holds, fixed now: the fd keeps it after the process is gone.
            java.util.Arrays.stream(Namespace.values()).filter(t -> t.procName().equals(name.get())).findFirst().ifPresent(type -> openedNamespaces.put(fd, namespaceAt(path, type)));
            return fd;
        });
    }

    /**
     * Which namespace /proc/[pid]/ns/NAME is: self and 1 are the host's (the thread group's leader never moves),
     * thread-self the caller's own, a spawned process's its own where it was born in a new one.
     */
    private String namespaceAt(String path, Namespace type) {
        String who = path.split("/")[2];
        if (who.equals("thread-self")) {
            return namespace(type);
        }
        if (who.equals("self") || who.equals("1")) {
            return type.procName() + ":[host]";
        }
        int pid = Integer.parseInt(who);
        return processes.namespaces(pid).orElse(Set.of()).contains(type)
                ? type.procName() + ":[pid " + pid + "]" : type.procName() + ":[host]";
    }

    /** The name under ns/ ("uts", "net" …) when the path is /proc/[pid]/ns/* of a live process. */
    private Optional<String> procNamespaceOfLiveProcess(String path) {
        String[] parts = path.split("/");
        if (parts.length != 5 || !parts[1].equals("proc") || !parts[3].equals("ns")) {
            return Optional.empty();
        }
        boolean alive;
        if (parts[2].equals("self") || parts[2].equals("thread-self") || parts[2].equals("1")) {
            alive = true; // the host's init is always there
        } else {
            try {
                alive = processes.isAlive(Integer.parseInt(parts[2]));
            } catch (NumberFormatException e) {
                alive = false;
            }
        }
        return alive ? Optional.of(parts[4]) : Optional.empty();
    }

    // ===== Mounts ==========================================================================================

    @Override
    public void mount(MountRequest request) {
        journal.run(new Call.Mount(request), () -> mounts.mount(throughFd(request)));
    }

    /** A bind from /proc/self/fd/N binds what fd N holds, as the kernel follows that magic link. */
    private MountRequest throughFd(MountRequest request) {
        if (!request.source().startsWith(PROC_SELF_FD)) {
            return request;
        }
        String held;
        try {
            held = fds.path(Integer.parseInt(request.source().substring(PROC_SELF_FD.length())));
        } catch (NumberFormatException e) {
            held = null;
        }
        return held == null ? request
                : new MountRequest(held, request.target(), request.fstype(), request.flags(), request.data());
    }

    /** The fake's paths hold no links to swap: the same mount, once the target is known to be under root. */
    @Override
    public void mountBeneath(String root, MountRequest request) {
        BeneathRoot.relative(root, request.target());
        mount(request);
    }

    /**
     * The fake's paths hold no links to swap and its /dev/null is what it says: the two mounts a mask makes, as the
     * journal has always shown them.
     */
    @Override
    public boolean mask(String root, String path) {
        BeneathRoot.relative(root, path);
        if (!exists(path)) {
            return false;
        }
        try {
            if (isDirectory(path)) {
                mount(MountRequest.of("tmpfs", path, "tmpfs", java.util.EnumSet.of(MountFlag.MS_RDONLY), ""));
            } else {
                mount(MountRequest.of("/dev/null", path, "", java.util.EnumSet.of(MountFlag.MS_BIND), ""));
            }
        } catch (io.jrunc.ports.model.SyscallException e) {
            if (e.errno() == io.jrunc.ports.model.Errno.ENOENT) {
                return false; // a link that leads nowhere: what the open beneath the root finds missing
            }
            throw e;
        }
        return true;
    }

    /**
     * The bind the kernel would make, once the user namespace fd is checked to hold one other than the host's
     * (EBADF, EINVAL, EPERM as mount_setattr says): the fake's filesystems all allow id mappings, which its mount table does not model.
     */
    @Override
    public void bindIdmapped(String root, io.jrunc.ports.model.IdmappedBind bind) {
        BeneathRoot.relative(root, bind.target());
        journal.run(new Call.BindIdmapped(bind), () -> {
            String held;
            try {
                held = fds.path(bind.usernsFd());
            } catch (SyscallException e) {
                held = null;
            }
            if (held == null) {
                throw new SyscallException("mount_setattr", Errno.EBADF, "userns_fd " + bind.usernsFd());
            }
            if (!held.endsWith("/ns/user")) {
                throw new SyscallException("mount_setattr", Errno.EINVAL, held + " is no user namespace");
            }
            if ("user:[host]".equals(openedNamespaces.get(bind.usernsFd()))) {
                // The kernel keeps the initial user namespace for "not id-mapped".
                throw new SyscallException("mount_setattr", Errno.EPERM, held + " is the host's user namespace");
            }
            java.util.EnumSet<MountFlag> flags = java.util.EnumSet.of(MountFlag.MS_BIND);
            if (bind.recursive()) {
                flags.add(MountFlag.MS_REC);
            }
            mounts.mount(MountRequest.of(bind.source(), bind.target(), "", flags, ""));
        });
    }

    @Override
    public void mountCopyingUp(String root, MountRequest request) {
        mountBeneath(root, request);
        journal.run(new Call.CopyUp(request.target()), () -> { });
    }

    @Override
    public void unmount(String target, boolean detach) {
        journal.run(new Call.Unmount(target, detach), () -> mounts.unmount(target));
    }

    /** A query, not journaled: the mount point, its filesystem type ("" for "/") and whether it is shared. */
    @Override
    public java.util.Optional<io.jrunc.ports.model.MountInfo> mountOf(String path) {
        String mp = mounts.mountPointOf(files.absolute(path));
        String type = mounts.mounts().stream().filter(m -> m.target().equals(mp)).reduce((a, b) -> b)
                .map(MountRequest::fstype).orElse("");
        return java.util.Optional.of(new io.jrunc.ports.model.MountInfo(mp, type, "", mounts.isShared(mp),
                mounts.optionsOf(mp)));
    }

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        journal.run(new Call.PivotRoot(newRoot, putOld), () -> mounts.pivotRoot(newRoot, putOld));
    }

    @Override
    public void chroot(String path) {
        journal.run(new Call.Chroot(path), () -> mounts.chroot(path));
    }

    // ===== Filesystem ======================================================================================

    @Override
    public boolean exists(String path) {
        return files.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return files.is(path, Kind.DIRECTORY);
    }

    /** The fake's paths hold no links to swap: mkdirs, once the path is known to be under root. */
    @Override
    public void mkdirsBeneath(String root, String path, int mode) {
        BeneathRoot.relative(root, path);
        mkdirs(path, mode);
    }

    @Override
    public void touchBeneath(String root, String path, int mode) {
        BeneathRoot.relative(root, path);
        touch(path, mode);
    }

    @Override
    public void mkdirs(String path, int mode) {
        journal.run(new Call.Mkdirs(path, mode), () -> {
            if (files.exists(path) && !files.is(path, Kind.DIRECTORY)) {
                throw new SyscallException("mkdir", Errno.EEXIST, path); // mkdir(2) of what is there
            }
            files.mkdirs(path);
        });
    }

    @Override
    public void touch(String path, int mode) {
        journal.run(new Call.Touch(path, mode), () -> {
            if (files.is(path, Kind.DIRECTORY)) {
                throw new SyscallException("open", Errno.EISDIR, path);
            }
            if (!files.exists(path)) {
                files.create("open", path, (mode & 0111) != 0 ? Kind.EXECUTABLE : Kind.FILE, "");
            }
        });
    }

    /** The fake's paths hold no links to swap: the same calls, once the path is known to be under root. */
    @Override
    public void mknodBeneath(String root, DeviceNode node) {
        BeneathRoot.relative(root, node.path());
        mknod(node);
    }

    @Override
    public void symlinkBeneath(String root, String target, String linkPath) {
        BeneathRoot.relative(root, linkPath);
        symlink(target, linkPath);
    }

    @Override
    public void removeBeneath(String root, String path) {
        BeneathRoot.relative(root, path);
        remove(path);
    }

    @Override
    public void mknod(DeviceNode node) {
        journal.run(new Call.Mknod(node), () -> {
            files.create("mknod", node.path(), node.type() == 'p' ? Kind.FIFO : Kind.DEVICE, "");
            nodes.put(files.absolute(node.path()), node);
            if (node.type() == 'p') {
                fifos.create(files.absolute(node.path()));
            }
        });
    }

    @Override
    public Optional<String> readlink(String path) {
        return symlinkTarget(path);
    }

    @Override
    public void symlink(String target, String linkPath) {
        journal.run(new Call.Symlink(target, linkPath), () -> files.create("symlink", linkPath, Kind.SYMLINK, target));
    }

    @Override
    public void chown(String path, int uid, int gid) {
        journal.run(new Call.Chown(path, uid, gid), () -> {
            if (!files.exists(path)) {
                throw new SyscallException("chown", Errno.ENOENT, path);
            }
            // -1 leaves that id as it is, as chown(2) does
            List<Integer> before = owners.getOrDefault(files.absolute(path), List.of(0, 0));
            owners.put(files.absolute(path), List.of(uid == -1 ? before.get(0) : uid, gid == -1 ? before.get(1) : gid));
        });
    }

    @Override
    public void chdir(String path) {
        journal.run(new Call.Chdir(path), () -> files.chdir(path));
    }

    @Override
    public void mkfifo(String path, int mode) {
        journal.run(new Call.Mkfifo(path, mode), () -> {
            files.create("mkfifo", path, Kind.FIFO, "");
            fifos.create(files.absolute(path));
        });
    }

    @Override
    public byte[] readFifo(String path) {
        return journal.run(new Call.ReadFifo(path), () -> {
            // open(2) and read(2) of what is no fifo: a regular file is read through, as on the kernel
            String file = regularFileAt(path);
            return file != null ? files.node(file).get().target().getBytes(StandardCharsets.UTF_8)
                    : fifos.read(fifoPath(path));
        });
    }

    /** The absolute path when {@code path} (or the fd /proc/self/fd/N names) is a regular file, else null. */
    private String regularFileAt(String path) {
        String p = path;
        if (path.startsWith(PROC_SELF_FD)) {
            try {
                p = fds.path(Integer.parseInt(path.substring(PROC_SELF_FD.length())));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return p != null && (files.is(p, Kind.FILE) || files.is(p, Kind.EXECUTABLE)) ? files.absolute(p) : null;
    }

    @Override
    public void writeFifo(String path, byte[] content) {
        journal.run(new Call.WriteFifo(path, new String(content, StandardCharsets.ISO_8859_1)),
                () -> fifos.write(fifoPath(path), content));
    }

    /** /proc/self/fd/N reopens what fd N holds, as the kernel does for an O_PATH fd. */
    private String fifoPath(String path) {
        String p = path;
        if (path.startsWith(PROC_SELF_FD)) {
            try {
                p = fds.path(Integer.parseInt(path.substring(PROC_SELF_FD.length())));
            } catch (NumberFormatException e) {
                p = null;
            }
            if (p == null) {
                throw new SyscallException("open", Errno.ENOENT, path);
            }
        }
        if (!files.exists(p)) {
            throw new SyscallException("open", Errno.ENOENT, path);
        }
        if (!files.is(p, Kind.FIFO)) {
            throw new SyscallException("open", Errno.ENXIO, path);
        }
        return files.absolute(p);
    }

    /** Read by the init after pivot_root (/etc/passwd): the path is the container's, under the root. */
    @Override
    public Optional<byte[]> readFile(String path, int maxBytes) {
        Optional<byte[]> content = files.node(files.underRoot(mounts.root(), path))
                .filter(n -> n.kind() == Kind.FILE || n.kind() == Kind.EXECUTABLE)
                .map(n -> n.target().getBytes(StandardCharsets.UTF_8));
        if (content.isPresent() && content.get().length > maxBytes) {
            throw new SyscallException("read", Errno.EFBIG, path + " (more than " + maxBytes + " bytes)");
        }
        return content;
    }

    /** Programs are looked up by the init after pivot_root: the path is the container's, under the root. */
    @Override
    public boolean isExecutable(String path) {
        return files.is(files.underRoot(mounts.root(), path), Kind.EXECUTABLE);
    }

    @Override
    public void remove(String path) {
        journal.run(new Call.Remove(path), () -> {
            String p = files.absolute(path);
            if (files.remove(p)) {
                fifos.remove(p);
            }
        });
    }

    @Override
    public void removeTree(String path) {
        journal.run(new Call.RemoveTree(path), () -> {
            // as the native backends: no mount point is entered, and the first one left is reported
            List<String> inside = mounts.mountPointsBelow(path);
            if (inside.isEmpty()) {
                files.removeTree(path);
                return;
            }
            files.removeTreeExcept(path, inside);
            throw new SyscallException("rmdir", Errno.EBUSY, inside.get(0));
        });
    }

    // ===== Syscalls ========================================================================================

    @Override
    public void sethostname(String name) {
        journal.run(new Call.SetHostname(name), () -> {
            checkNameLength("sethostname", name);
            hostname = name;
        });
    }

    @Override
    public void setdomainname(String name) {
        journal.run(new Call.SetDomainname(name), () -> {
            checkNameLength("setdomainname", name);
            domainname = name;
        });
    }

    private static void checkNameLength(String syscall, String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > HOST_NAME_MAX) {
            throw new SyscallException(syscall, Errno.EINVAL, name);
        }
    }

    @Override
    public void prlimit(int pid, RlimitResource resource, long soft, long hard) {
        journal.run(new Call.Prlimit(pid, resource, soft, hard), () -> {
            // The kernel finds the process first, then looks at the limits.
            if (pid != 0 && !processes.exists(pid)) {
                throw new SyscallException("prlimit", Errno.ESRCH, Integer.toString(pid));
            }
            // Limits are unsigned in the kernel: RLIM_INFINITY (-1 here) is above every finite one.
            if (Long.compareUnsigned(soft, hard) > 0) {
                throw new SyscallException("prlimit", Errno.EINVAL, resource.name());
            }
            caller.setRlimit(pid, resource, soft, hard);
        });
    }

    @Override
    public void umask(int mask) {
        journal.run(new Call.Umask(mask), () -> umask = mask & 0777);
    }

    // ===== Processes =======================================================================================

    @Override
    public int spawn(SpawnRequest request) {
        return journal.run(new Call.Spawn(request), () -> processes.spawn(request));
    }

    /** How programs run by {@link #run} end, by executable; one not named here exits 0 at once. */
    private final Map<String, io.jrunc.ports.model.ProgramResult> programResults = new ConcurrentHashMap<>();

    /** Test hook: every later run of {@code executable} ends as {@code result}. */
    public void programEnds(String executable, io.jrunc.ports.model.ProgramResult result) {
        programResults.put(executable, result);
    }

    @Override
    public io.jrunc.ports.model.ProgramResult run(io.jrunc.ports.model.ProgramRun run) {
        return journal.run(new Call.RunProgram(run), () -> programResults.getOrDefault(run.executable(),
                new io.jrunc.ports.model.ProgramResult(ExitStatus.exited(0), false, "", "")));
    }

    @Override
    public ExitStatus waitFor(int pid) {
        return journal.run(new Call.WaitFor(pid), () -> processes.waitFor(pid));
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
        journal.run(new Call.Kill(pid, signal), () -> processes.kill(pid, signal));
    }

    /** The fake knows namespaces only as the set a process was born with: same set, same namespaces. */
    @Override
    public List<Integer> sharingNamespace(int pid, Namespace type) {
        return processes.sharing(pid, type);
    }

    @Override
    public int self() {
        return processes.current();
    }

    /** Returns (the fake has no process image to replace); the caller's program is the new one. */
    @Override
    public void exec(String path, List<String> argv, List<String> env) {
        journal.run(new Call.Exec(path, argv, env), () -> {
            String resolved = files.underRoot(mounts.root(), path);
            if (!files.exists(resolved)) {
                throw new SyscallException("execve", Errno.ENOENT, path);
            }
            if (!files.is(resolved, Kind.EXECUTABLE)) {
                throw new SyscallException("execve", Errno.EACCES, path);
            }
            processes.exec(argv);
        });
    }

    // ===== ProcFs ==========================================================================================

    @Override
    public void write(int pid, String relativePath, String value) {
        journal.run(new Call.WriteProc(pid, relativePath, value), () -> {
            if (pid != 0 && !processes.isAlive(pid)) {
                throw new SyscallException("open", Errno.ENOENT, "/proc/" + pid + "/" + relativePath);
            }
            if (relativePath.equals("oom_score_adj")) {
                checkOomScore(value);
            }
            caller.writeProc(pid, relativePath, value);
        });
    }

    private static void checkOomScore(String value) {
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

    /** What was written there; oom_score_adj of a live process reads 0 until written, like the kernel's. */
    @Override
    public Optional<String> read(int pid, String relativePath) {
        if (pid != 0 && !processes.isAlive(pid)) {
            return Optional.empty();
        }
        String value = caller.proc(pid, relativePath);
        if (value == null && relativePath.equals("oom_score_adj")) {
            value = "0";
        }
        if (value == null && relativePath.equals("cgroup")) {
            value = cgroups.procCgroup(pid == 0 ? processes.current() : pid);
        }
        return Optional.ofNullable(value);
    }

    @Override
    public void writeSysctl(String key, String value) {
        journal.run(new Call.WriteSysctl(key, value), () -> caller.writeSysctl(key, value));
    }

    // ===== Credentials =====================================================================================

    /** Recorded only: the fake's files have no owner to give them. */
    @Override
    public void createFilesAs(int uid, int gid) {
        journal.run(new Call.CreateFilesAs(uid, gid), () -> { });
    }

    @Override
    public void setgroups(List<Integer> gids) {
        journal.run(new Call.SetGroups(gids), () -> {
            checkMayChangeIds("setgroups", gids.toString(), List.of());
            caller.update(c -> new CallerCredentials(c.uid(), c.gid(), List.copyOf(gids), c.noNewPrivileges(),
                    c.bounding(), c.effective(), c.permitted(), c.inheritable(), c.ambient()));
        });
    }

    @Override
    public void setresgid(int rgid, int egid, int sgid) {
        journal.run(new Call.SetResGid(rgid, egid, sgid), () -> {
            checkMayChangeIds("setresgid", rgid + " " + egid + " " + sgid,
                    List.of(rgid, egid, sgid), caller.credentials().gid());
            caller.update(c -> new CallerCredentials(c.uid(), egid, c.groups(), c.noNewPrivileges(),
                    c.bounding(), c.effective(), c.permitted(), c.inheritable(), c.ambient()));
        });
    }

    @Override
    public void setresuid(int ruid, int euid, int suid) {
        journal.run(new Call.SetResUid(ruid, euid, suid), () -> {
            checkMayChangeIds("setresuid", ruid + " " + euid + " " + suid,
                    List.of(ruid, euid, suid), caller.credentials().uid());
            // As the kernel: leaving uid 0 clears the effective set, and the permitted and ambient ones too
            // unless PR_SET_KEEPCAPS was set.
            boolean leavesRoot = caller.credentials().uid() == 0 && ruid != 0 && euid != 0 && suid != 0;
            boolean keep = caller.keepsCapabilities();
            caller.update(c -> new CallerCredentials(euid, c.gid(), c.groups(), c.noNewPrivileges(),
                    c.bounding(), leavesRoot ? Set.of() : c.effective(),
                    leavesRoot && !keep ? Set.of() : c.permitted(), c.inheritable(),
                    leavesRoot && !keep ? Set.of() : c.ambient()));
        });
    }

    /**
     * Root may set any ids; once the caller's uid is no longer 0 its capabilities are gone, and it may only
     * keep the id it has (-1 leaves one as it is): anything else is EPERM, as the kernel says.
     */
    private void checkMayChangeIds(String syscall, String detail, List<Integer> requested, int... current) {
        if (caller.credentials().uid() == 0) {
            return;
        }
        boolean keepsItsOwn = !requested.isEmpty() && requested.stream()
                .allMatch(id -> id == -1 || java.util.Arrays.stream(current).anyMatch(c -> c == id));
        if (!keepsItsOwn) {
            throw new SyscallException(syscall, Errno.EPERM, detail);
        }
    }

    // What a process sets on itself for its program: the fake kernel keeps no scheduler or NUMA state, so these
    // are recorded (and fail on request, or with the kernel's EINVAL for what no kernel takes) with no other effect.
    @Override
    public void setPersonality(long persona) {
        journal.run(new Call.SetPersonality(persona), () -> { });
    }

    @Override
    public void setIoPriority(int ioprio) {
        journal.run(new Call.SetIoPriority(ioprio), () -> invalidUnless(ioprio >> 13 <= 3, "ioprio_set", ioprio));
    }

    /** SCHED_OTHER, FIFO, RR, BATCH, IDLE and DEADLINE: 4 (SCHED_ISO) is reserved and unimplemented. */
    @Override
    public void setScheduler(io.jrunc.ports.model.SchedAttr attr) {
        journal.run(new Call.SetScheduler(attr), () -> invalidUnless(
                attr.policy() >= 0 && attr.policy() <= 6 && attr.policy() != 4, "sched_setattr", attr));
    }

    /** Modes up to MPOL_WEIGHTED_INTERLEAVE (6), beside the MPOL_F_* flags in bits 13 to 15. */
    @Override
    public void setMemoryPolicy(int mode, Set<Integer> nodes) {
        journal.run(new Call.SetMemoryPolicy(mode, nodes), () -> invalidUnless((mode & 0x1fff) <= 6, "set_mempolicy",
                mode));
    }

    @Override
    public void setAffinity(Set<Integer> cpus) {
        journal.run(new Call.SetAffinity(cpus), () -> invalidUnless(!cpus.isEmpty(), "sched_setaffinity", cpus));
    }

    private static void invalidUnless(boolean valid, String syscall, Object what) {
        if (!valid) {
            throw new SyscallException(syscall, Errno.EINVAL, String.valueOf(what));
        }
    }

    @Override
    public void setNoNewPrivileges() {
        journal.run(new Call.SetNoNewPrivileges(), () -> caller.update(c -> new CallerCredentials(c.uid(), c.gid(),
                c.groups(), true, c.bounding(), c.effective(), c.permitted(), c.inheritable(),
                c.ambient())));
    }

    @Override
    public void setKeepCapabilities(boolean keep) {
        journal.run(new Call.SetKeepCapabilities(keep), () -> caller.keepCapabilities(keep));
    }

    @Override
    public void setCapabilities(Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                                Set<Integer> inheritable, Set<Integer> ambient) {
        Call.SetCapabilities call = new Call.SetCapabilities(bounding, effective, permitted, inheritable, ambient);
        journal.run(call, () -> {
            // capset refuses an effective set beyond the permitted one and a permitted set beyond the one the caller
            // has (it can only shrink); ambient needs both P and I.
            if (!call.permitted().containsAll(call.effective()) || !call.permitted().containsAll(call.ambient())
                    || !call.inheritable().containsAll(call.ambient())
                    || !caller.credentials().permitted().containsAll(call.permitted())) {
                throw new SyscallException("capset", Errno.EPERM, call.arguments());
            }
            caller.update(c -> new CallerCredentials(c.uid(), c.gid(), c.groups(), c.noNewPrivileges(),
                    call.bounding(), call.effective(), call.permitted(), call.inheritable(), call.ambient()));
        });
    }

    // ===== Cgroups =========================================================================================

    @Override
    public List<String> hierarchies() {
        return cgroups.hierarchies();
    }

    @Override
    public String directory(String hierarchy, String path) {
        return FakeCgroupTree.directory(hierarchy, path);
    }

    @Override
    public void create(String hierarchy, String path) {
        journal.run(new Call.CgroupCreate(hierarchy, path), () -> cgroups.create(hierarchy, path));
    }

    @Override
    public void write(String hierarchy, String path, String file, String value) {
        journal.run(new Call.CgroupWrite(hierarchy, path, file, value), () -> {
            cgroups.write(hierarchy, path, file, value);
            if (file.equals("freezer.state")) {
                boolean frozen = !value.trim().equals("THAWED");
                cgroups.processes(hierarchy, path, processes::isAlive).forEach(pid -> processes.setFrozen(pid, frozen));
            }
        });
    }

    @Override
    public Optional<String> read(String hierarchy, String path, String file) {
        return cgroups.read(hierarchy, path, file, processes::isAlive);
    }

    /** pid 0 in cgroup.procs is the writer itself. */
    @Override
    public void join(String hierarchy, String path, int pid) {
        int member = pid == 0 ? processes.current() : pid;
        journal.run(new Call.CgroupJoin(hierarchy, path, pid), () -> cgroups.join(hierarchy, path, member, processes::isAlive));
    }

    @Override
    public List<Integer> processes(String hierarchy, String path) {
        return cgroups.processes(hierarchy, path, processes::isAlive);
    }

    @Override
    public void remove(String hierarchy, String path) {
        journal.run(new Call.CgroupRemove(hierarchy, path), () -> cgroups.remove(hierarchy, path, processes::isAlive));
    }

    @Override
    public void attachDeviceProgram(String path, List<io.jrunc.ports.model.BpfInstruction> program) {
        journal.run(new Call.CgroupDeviceProgram(path, program.size()), () -> cgroups.attachDeviceProgram(path, program));
    }

    /** The device program attached last to a cgroup of the unified hierarchy, for tests to run. */
    public Optional<List<io.jrunc.ports.model.BpfInstruction>> deviceProgram(String path) {
        return cgroups.deviceProgram(path);
    }

    // ===== Network, Seccomp ================================================================================

    @Override
    public void linkUp(String name) {
        journal.run(new Call.LinkUp(name), () -> {
            checkLink("ioctl SIOCGIFFLAGS", name);
            if (!linksUp.contains(name)) {
                linksUp.add(name);
            }
        });
    }

    @Override
    public void addRoute(RouteRequest route) {
        journal.run(new Call.AddRoute(route), () -> {
            if (!route.interfaceName().isEmpty()) {
                checkLink("if_nametoindex", route.interfaceName());
            }
            RouteMessage.newRoute(route, 0, 0); // the addresses and prefix, as the native backends check them
            if (routes.contains(route)) {
                throw new SyscallException(RouteMessage.SYSCALL, Errno.EEXIST, RouteMessage.describe(route));
            }
            routes.add(route);
        });
    }

    /** A new network namespace has "lo" only: the fake knows no other link. */
    /**
     * Links moved into the fake's namespace by their new names: the fake has no host links to look up, so any
     * name moves (the CLI checks the host has it before anything is made).
     */
    private final java.util.Set<String> movedLinks = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void moveLink(String name, int pid, String newName) {
        journal.run(new Call.MoveLink(name, pid, newName), () -> {
            io.jrunc.ports.model.LinkMessage.moveToNamespaceOf(1, pid, newName, 0); // the name, as the backends check it
            if (!movedLinks.add(newName)) {
                throw new SyscallException(io.jrunc.ports.model.LinkMessage.SYSCALL, Errno.EEXIST, newName);
            }
        });
    }

    private void checkLink(String syscall, String name) {
        if (!name.equals("lo") && !movedLinks.contains(name)) {
            throw new SyscallException(syscall, Errno.ENODEV, name);
        }
    }

    @Override
    public void load(SeccompFilter filter) {
        journal.run(new Call.LoadSeccomp(filter), () -> filters.add(filter));
    }

    /** A stand-in program: the filter's text, so that what the init is handed names the filter it came from. */
    @Override
    public byte[] compile(SeccompFilter filter) {
        return filter.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * As Linux 5.19 and later: the flags it knows (TSYNC 1, LOG 2, SPEC_ALLOW 4, NEW_LISTENER 8, TSYNC_ESRCH 16,
     * WAIT_KILLABLE_RECV 32), but WAIT_KILLABLE_RECV only with NEW_LISTENER.
     */
    @Override
    public boolean takesFlags(long flagBits) {
        long flags = flagBits & 0xffffffffL; // seccomp(2) reads an unsigned int
        return (flags & ~0x3fL) == 0 && ((flags & 32) == 0 || (flags & 8) != 0);
    }

    // ===== FileDescriptors =================================================================================

    @Override
    public int openPath(String path) {
        return journal.run(new Call.OpenPath(path), () -> {
            if (!files.exists(path)) {
                throw new SyscallException("open", Errno.ENOENT, path);
            }
            return fds.openPath(files.absolute(path));
        });
    }

    @Override
    public int[] socketPair() {
        return journal.run(new Call.SocketPair(), fds::socketPair);
    }

    @Override
    public void write(int fd, byte[] data) {
        journal.run(new Call.WriteFd(fd, new String(data, StandardCharsets.ISO_8859_1)), () -> fds.write(fd, data));
    }

    @Override
    public byte[] read(int fd, int max) {
        return journal.run(new Call.ReadFd(fd, max), () -> fds.read(fd, max));
    }

    @Override
    public void close(int fd) {
        journal.run(new Call.Close(fd), () -> fds.close(fd));
    }

    /** The fake keeps no fds of its own that a program could inherit: recorded only. */
    @Override
    public void closeOnExecFrom(int lowest) {
        journal.run(new Call.CloseOnExecFrom(lowest), () -> fds.closeOnExecFrom(lowest));
    }

    /**
     * As the kernel's connect(2): to the socket a test listens on at {@code path} ({@link #listenUnix}), refused
     * where a file is that nobody listens on (an abstract "@name" has no file: refused when unbound), ENOENT where
     * nothing is.
     */
    @Override
    public int connectUnix(String path) {
        return journal.run(new Call.ConnectUnix(path), () -> {
            io.jrunc.ports.model.UnixRights.address(path); // the length, as the backends check it
            String where = path.startsWith("@") ? path : files.absolute(path);
            if (fds.listening(where)) {
                return fds.connect(where);
            }
            if (!path.startsWith("@") && !files.exists(path)) {
                throw new SyscallException("connect", Errno.ENOENT, path);
            }
            throw new SyscallException("connect", Errno.ECONNREFUSED, path);
        });
    }

    /** The bytes, and the file {@code fd} holds, which the peer's receive gets a new fd of. */
    @Override
    public void sendFd(int socket, byte[] data, int fd) {
        journal.run(new Call.SendFd(socket, new String(data, StandardCharsets.UTF_8), fd),
                () -> fds.writeWithFd(socket, data, fd));
    }

    @Override
    public io.jrunc.ports.model.ReceivedFd receiveFd(int socket, int max) {
        return journal.run(new Call.ReceiveFd(socket), () -> fds.receive(socket, max));
    }
}

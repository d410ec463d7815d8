package io.jrunc.adapter.fake;

import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.StoredState;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One effect a port asked of the fake kernel, as it lands in the kernel's single journal. Each record
 * prints as one strace-like line, because the dry run shows the journal to users.
 *
 * <p>Pure reads (exists, isAlive, startTime, read, processes, load …) have no record: they change nothing,
 * and the runtime polls some of them, which would bury the effects in the journal and the dry run.
 *
 * <p>Byte contents (fifo and fd writes, state files) are kept as text with one char per byte
 * (ISO-8859-1), so records compare by value and print.
 */
public sealed interface Call {
    /** The system call's name, as a {@link io.jrunc.ports.model.SyscallException} names it. */
    String syscall();

    /** The arguments as strace would show them. */
    String arguments();

    /** What an exception for this call names after the syscall, as the real adapters do. */
    default String detail() {
        return arguments();
    }

    /** Whether this is a {@link Failed} attempt. */
    default boolean failed() {
        return false;
    }

    /** A call the kernel refused: kept in the journal, in its place, so tests see the attempt. */
    record Failed(Call call, Errno errno) implements Call {
        @Override public String syscall() { return call.syscall(); }
        @Override public String arguments() { return call.arguments(); }
        @Override public String detail() { return call.detail(); }
        @Override public boolean failed() { return true; }
        @Override public String toString() { return call + " = -1 " + errno.name() + " (" + errno.description() + ")"; }
    }

    // --- Namespaces ---
    record Unshare(Set<Namespace> namespaces) implements Call {
        public Unshare { namespaces = Set.copyOf(namespaces); }
        @Override public String syscall() { return "unshare"; }
        @Override public String arguments() { return cloneFlags(namespaces); }
        @Override public String toString() { return line(this); }
    }

    record Setns(String path, Namespace type) implements Call {
        @Override public String syscall() { return "setns"; }
        @Override public String arguments() { return quote(path) + ", " + cloneFlags(Set.of(type)); }
        @Override public String toString() { return line(this); }
    }

    // --- Mounts ---
    record Mount(MountRequest request) implements Call {
        @Override public String syscall() { return "mount"; }
        @Override public String arguments() { return request.toString(); }
        @Override public String toString() { return line(this); }
    }

    /** The three calls of an id-mapped bind, one line: open_tree, mount_setattr(MOUNT_ATTR_IDMAP), move_mount. */
    record BindIdmapped(io.jrunc.ports.model.IdmappedBind bind) implements Call {
        @Override public String syscall() { return "mount_setattr"; }
        @Override public String arguments() {
            return "open_tree(" + quote(bind.source()) + ", OPEN_TREE_CLONE" + (bind.recursive() ? "|AT_RECURSIVE" : "")
                    + "), " + (bind.recursiveIdmap() ? "AT_RECURSIVE, " : "") + "MOUNT_ATTR_IDMAP, userns_fd="
                    + bind.usernsFd() + ", move_mount onto " + quote(bind.target());
        }
        @Override public String detail() { return "src=" + bind.source() + ", dst=" + bind.target(); }
        @Override public String toString() { return line(this); }
    }

    record OpenNamespace(String path) implements Call {
        @Override public String syscall() { return "open"; }
        @Override public String arguments() { return quote(path) + ", O_RDONLY|O_CLOEXEC"; }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    /** runc's tmpcopyup: the covered directory's content copied into the mount just made on it. */
    record CopyUp(String target) implements Call {
        @Override public String syscall() { return "copyup"; }
        @Override public String arguments() { return quote(target); }
        @Override public String toString() { return line(this); }
    }

    record Unmount(String target, boolean detach) implements Call {
        @Override public String syscall() { return "umount2"; }
        @Override public String arguments() { return quote(target) + ", " + (detach ? "MNT_DETACH" : "0"); }
        @Override public String detail() { return target; }
        @Override public String toString() { return line(this); }
    }

    record PivotRoot(String newRoot, String putOld) implements Call {
        @Override public String syscall() { return "pivot_root"; }
        @Override public String arguments() { return quote(newRoot) + ", " + quote(putOld); }
        @Override public String detail() { return newRoot; }
        @Override public String toString() { return line(this); }
    }

    record Chroot(String path) implements Call {
        @Override public String syscall() { return "chroot"; }
        @Override public String arguments() { return quote(path); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    // --- Filesystem ---
    record Mkdirs(String path, int mode) implements Call {
        @Override public String syscall() { return "mkdir"; }
        @Override public String arguments() { return quote(path) + ", " + octal(mode); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    record Touch(String path, int mode) implements Call {
        @Override public String syscall() { return "open"; }
        @Override public String arguments() { return quote(path) + ", O_CREAT|O_WRONLY, " + octal(mode); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    record Mknod(DeviceNode node) implements Call {
        @Override public String syscall() { return "mknod"; }
        @Override public String arguments() {
            String type = node.type() == 'c' ? "S_IFCHR" : node.type() == 'b' ? "S_IFBLK" : "S_IFIFO";
            return quote(node.path()) + ", " + type + "|" + octal(node.mode()) + ", makedev(" + node.major() + ", "
                    + node.minor() + ")";
        }
        @Override public String detail() { return node.path(); }
        @Override public String toString() { return line(this); }
    }

    record Symlink(String target, String linkPath) implements Call {
        @Override public String syscall() { return "symlink"; }
        @Override public String arguments() { return quote(target) + ", " + quote(linkPath); }
        @Override public String detail() { return linkPath; }
        @Override public String toString() { return line(this); }
    }

    record Chown(String path, int uid, int gid) implements Call {
        @Override public String syscall() { return "chown"; }
        @Override public String arguments() { return quote(path) + ", " + uid + ", " + gid; }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    record Chdir(String path) implements Call {
        @Override public String syscall() { return "chdir"; }
        @Override public String arguments() { return quote(path); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    record Mkfifo(String path, int mode) implements Call {
        @Override public String syscall() { return "mkfifo"; }
        @Override public String arguments() { return quote(path) + ", " + octal(mode); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    /** Opening a fifo to read it: the open is what blocks, so it is what fails. */
    record ReadFifo(String path) implements Call {
        @Override public String syscall() { return "open"; }
        @Override public String arguments() { return quote(path) + ", O_RDONLY"; }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    record WriteFifo(String path, String content) implements Call {
        @Override public String syscall() { return "open"; }
        @Override public String arguments() { return quote(path) + ", O_WRONLY; write " + quote(content); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    record Remove(String path) implements Call {
        @Override public String syscall() { return "unlink"; }
        @Override public String arguments() { return quote(path); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    /** rm -rf is many unlinkat calls; the journal shows it as the one port call it is. */
    record RemoveTree(String path) implements Call {
        @Override public String syscall() { return "rmtree"; }
        @Override public String arguments() { return quote(path); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    // --- Syscalls ---
    record SetHostname(String hostname) implements Call {
        @Override public String syscall() { return "sethostname"; }
        @Override public String arguments() { return quote(hostname); }
        @Override public String detail() { return hostname; }
        @Override public String toString() { return line(this); }
    }

    record SetDomainname(String domainname) implements Call {
        @Override public String syscall() { return "setdomainname"; }
        @Override public String arguments() { return quote(domainname); }
        @Override public String detail() { return domainname; }
        @Override public String toString() { return line(this); }
    }

    record Prlimit(int pid, RlimitResource resource, long soft, long hard) implements Call {
        @Override public String syscall() { return "prlimit"; }
        @Override public String arguments() { return pid + ", " + resource + ", {cur=" + limit(soft) + ", max=" + limit(hard) + "}"; }
        @Override public String toString() { return line(this); }
    }

    record Umask(int mask) implements Call {
        @Override public String syscall() { return "umask"; }
        @Override public String arguments() { return octal(mask); }
        @Override public String toString() { return line(this); }
    }

    // --- Processes ---
    record Spawn(SpawnRequest request) implements Call {
        @Override public String syscall() { return "posix_spawn"; }
        @Override public String arguments() {
            return quote(request.executable()) + ", " + quoted(request.argv())
                    + (request.newNamespaces().isEmpty() ? "" : ", " + cloneFlags(request.newNamespaces()))
                    + (request.joinNamespaces().isEmpty() ? "" : ", setns=" + new java.util.TreeMap<>(request.joinNamespaces()))
                    + ", fds=" + request.inheritedFds();
        }
        @Override public String detail() { return request.executable(); }
        @Override public String toString() { return line(this); }
    }

    /** A program run to its end (a hook): spawned, fed its stdin, waited for. */
    record RunProgram(io.jrunc.ports.model.ProgramRun run) implements Call {
        @Override public String syscall() { return "posix_spawn"; }
        @Override public String arguments() {
            return quote(run.executable()) + ", " + quoted(run.argv())
                    + (run.env().isEmpty() ? "" : ", env=" + environment(run.env()))
                    + run.cwd().map(c -> ", cwd=" + quote(c)).orElse("")
                    + ", stdin=" + quote(new String(run.stdin(), java.nio.charset.StandardCharsets.UTF_8))
                    + run.timeout().map(t -> ", timeout=" + t.toSeconds() + "s").orElse("") + ", fds=[0, 1, 2]";
        }
        @Override public String detail() { return run.executable(); }
        @Override public String toString() { return line(this); }

        /** A runtime's whole environment would bury the line: its first few, and how many more. */
        private static String environment(List<String> env) {
            return env.size() <= 4 ? quoted(env)
                    : quoted(env.subList(0, 3)).replaceAll("]$", ", … " + (env.size() - 3) + " more]");
        }
    }

    record WaitFor(int pid) implements Call {
        @Override public String syscall() { return "wait4"; }
        @Override public String arguments() { return Integer.toString(pid); }
        @Override public String toString() { return line(this); }
    }

    record Kill(int pid, int signal) implements Call {
        @Override public String syscall() { return "kill"; }
        @Override public String arguments() { return pid + ", " + signalName(signal); }
        @Override public String toString() { return line(this); }
    }

    record Exec(String path, List<String> argv, List<String> env) implements Call {
        public Exec { argv = List.copyOf(argv); env = List.copyOf(env); }
        @Override public String syscall() { return "execve"; }
        @Override public String arguments() { return quote(path) + ", " + quoted(argv) + ", [/* " + env.size() + " vars */]"; }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    // --- ProcFs ---
    /** A write under /proc/[pid]; pid 0 is the caller (/proc/self). */
    record WriteProc(int pid, String path, String value) implements Call {
        @Override public String syscall() { return "write"; }
        @Override public String arguments() { return quote("/proc/" + (pid == 0 ? "self" : pid) + "/" + path) + ", " + quote(value); }
        @Override public String detail() { return "/proc/" + (pid == 0 ? "self" : pid) + "/" + path; }
        @Override public String toString() { return line(this); }
    }

    record WriteSysctl(String key, String value) implements Call {
        @Override public String syscall() { return "write"; }
        @Override public String arguments() { return quote("/proc/sys/" + key.replace('.', '/')) + ", " + quote(value); }
        @Override public String detail() { return "/proc/sys/" + key.replace('.', '/'); }
        @Override public String toString() { return line(this); }
    }

    // --- Credentials ---
    record CreateFilesAs(int uid, int gid) implements Call {
        @Override public String syscall() { return "setfsuid"; }
        @Override public String arguments() { return uid + " (setfsgid " + gid + ", effective caps kept)"; }
        @Override public String toString() { return line(this); }
    }

    record SetGroups(List<Integer> gids) implements Call {
        public SetGroups { gids = List.copyOf(gids); }
        @Override public String syscall() { return "setgroups"; }
        @Override public String arguments() { return gids.size() + ", " + gids; }
        @Override public String toString() { return line(this); }
    }

    record SetResGid(int rgid, int egid, int sgid) implements Call {
        @Override public String syscall() { return "setresgid"; }
        @Override public String arguments() { return rgid + ", " + egid + ", " + sgid; }
        @Override public String toString() { return line(this); }
    }

    record SetResUid(int ruid, int euid, int suid) implements Call {
        @Override public String syscall() { return "setresuid"; }
        @Override public String arguments() { return ruid + ", " + euid + ", " + suid; }
        @Override public String toString() { return line(this); }
    }

    record SetKeepCapabilities(boolean keep) implements Call {
        @Override public String syscall() { return "prctl"; }
        @Override public String arguments() { return "PR_SET_KEEPCAPS, " + (keep ? 1 : 0); }
        @Override public String toString() { return line(this); }
    }

    record SetNoNewPrivileges() implements Call {
        @Override public String syscall() { return "prctl"; }
        @Override public String arguments() { return "PR_SET_NO_NEW_PRIVS, 1"; }
        @Override public String toString() { return line(this); }
    }

    record SetPersonality(long persona) implements Call {
        @Override public String syscall() { return "personality"; }
        @Override public String arguments() { return "0x" + Long.toHexString(persona); }
        @Override public String toString() { return line(this); }
    }

    record SetIoPriority(int ioprio) implements Call {
        @Override public String syscall() { return "ioprio_set"; }
        @Override public String arguments() {
            return "IOPRIO_WHO_PROCESS, 0, class " + (ioprio >> 13) + " level " + (ioprio & 0x1fff);
        }
        @Override public String toString() { return line(this); }
    }

    record SetScheduler(io.jrunc.ports.model.SchedAttr attr) implements Call {
        @Override public String syscall() { return "sched_setattr"; }
        @Override public String arguments() {
            return "0, {policy=" + attr.policy() + ", flags=0x" + Long.toHexString(attr.flags()) + ", nice="
                    + attr.nice() + ", priority=" + attr.priority() + ", runtime=" + Long.toUnsignedString(attr.runtime())
                    + ", deadline=" + Long.toUnsignedString(attr.deadline()) + ", period="
                    + Long.toUnsignedString(attr.period()) + "}, 0";
        }
        @Override public String toString() { return line(this); }
    }

    record SetMemoryPolicy(int mode, Set<Integer> nodes) implements Call {
        public SetMemoryPolicy {
            nodes = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(nodes));
        }

        @Override public String syscall() { return "set_mempolicy"; }
        @Override public String arguments() { return "0x" + Integer.toHexString(mode) + ", nodes " + nodes; }
        @Override public String toString() { return line(this); }
    }

    record SetAffinity(Set<Integer> cpus) implements Call {
        public SetAffinity {
            cpus = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(cpus));
        }

        @Override public String syscall() { return "sched_setaffinity"; }
        @Override public String arguments() { return "0, cpus " + cpus; }
        @Override public String toString() { return line(this); }
    }


    record SetCapabilities(Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                           Set<Integer> inheritable, Set<Integer> ambient) implements Call {
        public SetCapabilities {
            bounding = Set.copyOf(bounding);
            effective = Set.copyOf(effective);
            permitted = Set.copyOf(permitted);
            inheritable = Set.copyOf(inheritable);
            ambient = Set.copyOf(ambient);
        }
        @Override public String syscall() { return "capset"; }
        @Override public String arguments() {
            return "bounding=" + sorted(bounding) + ", effective=" + sorted(effective) + ", permitted=" + sorted(permitted)
                    + ", inheritable=" + sorted(inheritable) + ", ambient=" + sorted(ambient);
        }
        @Override public String toString() { return line(this); }
    }

    // --- Cgroups ---
    record CgroupCreate(String hierarchy, String path) implements Call {
        @Override public String syscall() { return "mkdir"; }
        @Override public String arguments() { return quote(cgroupDir(hierarchy, path)); }
        @Override public String detail() { return cgroupDir(hierarchy, path); }
        @Override public String toString() { return line(this); }
    }

    record CgroupWrite(String hierarchy, String path, String file, String value) implements Call {
        @Override public String syscall() { return "write"; }
        @Override public String arguments() { return quote(detail()) + ", " + quote(value); }
        @Override public String detail() { return cgroupDir(hierarchy, path) + "/" + file; }
        @Override public String toString() { return line(this); }
    }

    record CgroupJoin(String hierarchy, String path, int pid) implements Call {
        @Override public String syscall() { return "write"; }
        @Override public String arguments() { return quote(detail()) + ", " + quote(Integer.toString(pid)); }
        @Override public String detail() { return cgroupDir(hierarchy, path) + "/cgroup.procs"; }
        @Override public String toString() { return line(this); }
    }

    record CgroupRemove(String hierarchy, String path) implements Call {
        @Override public String syscall() { return "rmdir"; }
        @Override public String arguments() { return quote(cgroupDir(hierarchy, path)); }
        @Override public String detail() { return cgroupDir(hierarchy, path); }
        @Override public String toString() { return line(this); }
    }

    record CgroupDeviceProgram(String path, int instructions) implements Call {
        @Override public String syscall() { return "bpf"; }
        @Override public String arguments() {
            return "BPF_PROG_LOAD/BPF_PROG_ATTACH, " + quote(cgroupDir("", path)) + ", " + instructions + " insns";
        }
        @Override public String detail() { return cgroupDir("", path); }
        @Override public String toString() { return line(this); }
    }

    // --- Network, Seccomp ---
    record MoveLink(String name, int pid, String newName) implements Call {
        @Override public String syscall() { return "RTM_NEWLINK"; }
        @Override public String arguments() { return "dev=" + name + ", netns=" + pid + ", name=" + newName; }
        @Override public String toString() { return line(this); }
    }

    record LinkUp(String name) implements Call {
        @Override public String syscall() { return "ioctl"; }
        @Override public String arguments() { return quote(name) + ", SIOCSIFFLAGS, IFF_UP"; }
        @Override public String detail() { return name; }
        @Override public String toString() { return line(this); }
    }

    record AddRoute(RouteRequest route) implements Call {
        @Override public String syscall() { return "RTM_NEWROUTE"; }
        @Override public String arguments() {
            return "dst=" + route.destination() + (route.gateway().isEmpty() ? "" : ", via=" + route.gateway())
                    + ", dev=" + route.interfaceName();
        }
        @Override public String toString() { return line(this); }
    }

    record LoadSeccomp(SeccompFilter filter) implements Call {
        @Override public String syscall() { return "seccomp"; }
        @Override public String arguments() {
            return "SECCOMP_SET_MODE_FILTER, default=" + filter.defaultAction().name() + ", "
                    + filter.rules().size() + " rules" + (filter.flags().isEmpty() ? "" : ", " + String.join("|", filter.flags()));
        }
        @Override public String toString() { return line(this); }
    }

    // --- FileDescriptors ---
    record OpenPath(String path) implements Call {
        @Override public String syscall() { return "open"; }
        @Override public String arguments() { return quote(path) + ", O_PATH|O_CLOEXEC"; }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    record SocketPair() implements Call {
        @Override public String syscall() { return "socketpair"; }
        @Override public String arguments() { return "AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC"; }
        @Override public String toString() { return line(this); }
    }

    record WriteFd(int fd, String data) implements Call {
        @Override public String syscall() { return "write"; }
        @Override public String arguments() { return fd + ", " + quote(data) + ", " + data.length(); }
        @Override public String detail() { return Integer.toString(fd); }
        @Override public String toString() { return line(this); }
    }

    record ReadFd(int fd, int max) implements Call {
        @Override public String syscall() { return "read"; }
        @Override public String arguments() { return fd + ", " + max; }
        @Override public String detail() { return Integer.toString(fd); }
        @Override public String toString() { return line(this); }
    }

    record Close(int fd) implements Call {
        @Override public String syscall() { return "close"; }
        @Override public String arguments() { return Integer.toString(fd); }
        @Override public String toString() { return line(this); }
    }

    record CloseOnExecFrom(int lowest) implements Call {
        @Override public String syscall() { return "close_range"; }
        @Override public String arguments() { return lowest + ", ~0U, CLOSE_RANGE_CLOEXEC"; }
        @Override public String toString() { return line(this); }
    }

    // --- FileDescriptors: unix sockets that carry an fd ---
    record ConnectUnix(String path) implements Call {
        @Override public String syscall() { return "connect"; }
        @Override public String arguments() { return "AF_UNIX, " + quote(path); }
        @Override public String detail() { return path; }
        @Override public String toString() { return line(this); }
    }

    record SendFd(int socket, String data, int fd) implements Call {
        @Override public String syscall() { return "sendmsg"; }
        @Override public String arguments() { return socket + ", " + quote(data) + ", SCM_RIGHTS[" + fd + "]"; }
        @Override public String detail() { return "fd " + socket; }
        @Override public String toString() { return line(this); }
    }

    record ReceiveFd(int socket) implements Call {
        @Override public String syscall() { return "recvmsg"; }
        @Override public String arguments() { return socket + ", MSG_CMSG_CLOEXEC"; }
        @Override public String detail() { return "fd " + socket; }
        @Override public String toString() { return line(this); }
    }

    // --- Terminals ---
    record OpenPtyMaster() implements Call {
        @Override public String syscall() { return "open"; }
        @Override public String arguments() { return "\"/dev/ptmx\", O_RDWR|O_NOCTTY|O_CLOEXEC; ioctl(TIOCSPTLCK, 0)"; }
        @Override public String detail() { return "/dev/ptmx"; }
        @Override public String toString() { return line(this); }
    }

    record OpenPtyPeer(int master) implements Call {
        @Override public String syscall() { return "ioctl"; }
        @Override public String arguments() { return master + ", TIOCGPTPEER, O_RDWR|O_NOCTTY|O_CLOEXEC"; }
        @Override public String detail() { return "TIOCGPTPEER"; }
        @Override public String toString() { return line(this); }
    }

    record SetWindowSize(int fd, int rows, int columns) implements Call {
        @Override public String syscall() { return "ioctl"; }
        @Override public String arguments() { return fd + ", TIOCSWINSZ, {ws_row=" + rows + ", ws_col=" + columns + "}"; }
        @Override public String detail() { return "TIOCSWINSZ"; }
        @Override public String toString() { return line(this); }
    }

    record SetTerminalAttributes(int fd) implements Call {
        @Override public String syscall() { return "ioctl"; }
        @Override public String arguments() { return fd + ", TCSETS"; }
        @Override public String detail() { return "TCSETS"; }
        @Override public String toString() { return line(this); }
    }

    // --- StateStore (InMemoryStateStore, when it shares a kernel's journal) ---
    record StateLock(String id) implements Call {
        @Override public String syscall() { return "flock"; }
        @Override public String arguments() { return quote(id) + ", LOCK_EX"; }
        @Override public String detail() { return id; }
        @Override public String toString() { return line(this); }
    }

    record StateUnlock(String id) implements Call {
        @Override public String syscall() { return "flock"; }
        @Override public String arguments() { return quote(id) + ", LOCK_UN"; }
        @Override public String detail() { return id; }
        @Override public String toString() { return line(this); }
    }

    record StateCreate(String id) implements Call {
        @Override public String syscall() { return "mkdir"; }
        @Override public String arguments() { return quote(InMemoryStateStore.ROOT + "/" + id) + ", 0700"; }
        @Override public String detail() { return InMemoryStateStore.ROOT + "/" + id; }
        @Override public String toString() { return line(this); }
    }

    record StateSave(StoredState state) implements Call {
        @Override public String syscall() { return "rename"; }
        @Override public String arguments() {
            return quote(detail()) + " /* pid=" + state.pid() + ", status=" + state.statusHint() + " */";
        }
        @Override public String detail() { return InMemoryStateStore.ROOT + "/" + state.id() + "/state.json"; }
        @Override public String toString() { return line(this); }
    }

    record StateWriteFile(String id, String name, String content) implements Call {
        @Override public String syscall() { return "rename"; }
        @Override public String arguments() { return quote(detail()) + " /* " + content.length() + " bytes */"; }
        @Override public String detail() { return InMemoryStateStore.ROOT + "/" + id + "/" + name; }
        @Override public String toString() { return line(this); }
    }

    record StateRemove(String id) implements Call {
        @Override public String syscall() { return "rmtree"; }
        @Override public String arguments() { return quote(detail()); }
        @Override public String detail() { return InMemoryStateStore.ROOT + "/" + id; }
        @Override public String toString() { return line(this); }
    }

    // --- formatting shared by the records ---
    private static String line(Call call) {
        return call.syscall() + "(" + call.arguments() + ")";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String quoted(List<String> strings) {
        return strings.stream().map(Call::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String octal(int mode) {
        return "0" + Integer.toOctalString(mode);
    }

    private static String limit(long value) {
        return value == -1 ? "RLIM_INFINITY" : Long.toUnsignedString(value);
    }

    private static String sorted(Set<Integer> set) {
        return new java.util.TreeSet<>(set).toString();
    }

    private static String cloneFlags(Set<Namespace> namespaces) {
        return namespaces.isEmpty() ? "0" : namespaces.stream().sorted().map(n -> "CLONE_NEW" + (n == Namespace.MOUNT ? "NS" : n.name()))
                .collect(Collectors.joining("|"));
    }

    private static String signalName(int signal) {
        for (io.jrunc.ports.model.Signal s : io.jrunc.ports.model.Signal.values()) {
            if (s.number() == signal) {
                return s.name();
            }
        }
        return Integer.toString(signal);
    }

    private static String cgroupDir(String hierarchy, String path) {
        return FakeCgroupTree.directory(hierarchy, path);
    }
}

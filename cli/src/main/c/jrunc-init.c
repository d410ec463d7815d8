/*
 * jrunc-init: the container's first process, before it becomes the user's program.
 *
 * jrunc starts it with posix_spawn from a thread that has entered the container's namespaces, so it is
 * born as pid 1 of the new pid namespace and shares the mount namespace with that thread. The JVM thread
 * does the rest of the init plan itself (mounts, devices, pivot_root, hostname, ...); it asks this process,
 * over the sync socket, only for what the thread cannot do on its behalf: mount /proc (a proc filesystem
 * shows the pid namespace of the process that mounts it), write its own /proc/self/attr, set its own
 * credentials, umask and cwd, and, once `start` opens the exec fifo, execve the user's program.
 *
 * It is one small static program with no threads: it needs no host library once it runs, and a
 * single-threaded process may set its credentials with the plain system calls.
 *
 * Protocol, both ways: a 32-bit little-endian length, then that many bytes of fields, each ended by NUL.
 * It says "waiting" first. Each request gets "ok" (and for "read", the file's content) or "err" <errno>:
 *   mount SRC TARGET FSTYPE FLAGS DATA        mount(2)
 *   mountat ROOT RELATIVE SRC FSTYPE FLAGS DATA   mount(2) on RELATIVE opened beneath ROOT (openat2
 *                                             RESOLVE_IN_ROOT), through /proc/self/fd: a link swapped in
 *                                             cannot lead it out of ROOT (by path where there is no openat2)
 *   write PATH VALUE                          open(PATH, O_WRONLY) and write VALUE
 *   nnp                                       prctl(PR_SET_NO_NEW_PRIVS, 1)
 *   keepcaps 0|1                              prctl(PR_SET_KEEPCAPS): the permitted set kept as the uid leaves 0
 *   seccomp FLAGS AT_EXEC HEX                 seccomp(2) of a BPF program (hex): now, or (AT_EXEC 1) right
 *                                             before execve, after the wait for start. With
 *                                             SECCOMP_FILTER_FLAG_NEW_LISTENER in FLAGS (only now), "ok"
 *                                             carries the notify fd (SCM_RIGHTS), which we close at once
 *   caps BOUNDING EFFECTIVE PERMITTED INHERITABLE AMBIENT   (64-bit masks, decimal)
 *   groups GID...                             setgroups(2)
 *   dumpable 0|1                              prctl(PR_SET_DUMPABLE): the rootless runtime's re-entry only
 *   resgid R E S / resuid R E S               setresgid(2) / setresuid(2)
 *   umask MODE / chdir PATH / chroot PATH     (chdir: EXDEV when the new cwd is outside our root)
 *   access PATH                               a regular file we may execute (a PATH lookup): stat's errno,
 *                                             EISDIR for a directory, EACCES for what we may not execute
 *   read PATH                                 a file of at most 64 KiB, e.g. /proc/self/cgroup
 *   cgroupns                                  unshare(CLONE_NEWCGROUP), once we are in the container's cgroup
 *   personality PERSONA                       personality(2), kept through execve
 *   ioprio IOPRIO                             ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO)
 *   sched POLICY FLAGS NICE PRIO RUNTIME DEADLINE PERIOD   sched_setattr(2) (NICE as 32-bit two's complement)
 *   mempolicy MODE WORD...                    set_mempolicy(2) of the nodes in the 64-bit WORDs (none: no mask)
 *   affinity WORD...                          sched_setaffinity(2) of the CPUs in the 64-bit WORDs
 *   keyring NAME PERMS                        join a new session keyring NAME and add PERMS to its permissions
 *   hooks STATE N (PATH TIMEOUT ARGC ARG... ENVC ENV...){N}
 *                                             startContainer hooks, kept for after the wait (see run_start_hooks)
 *   console SOCKET_FD ROWS COLS UID BIND      the container's terminal, after the switch of root: a pty from the
 *                                             container's own /dev/ptmx, sized ROWS x COLS (0 0: left as is), its
 *                                             peer owned by UID, bound on /dev/console when BIND is 1 (a
 *                                             container's init; 0 for `jrunc exec`, which as runc's setns init
 *                                             leaves /dev/console to the init's terminal), made our controlling
 *                                             terminal and stdin/out/err; the master goes over SOCKET_FD (a unix
 *                                             socket the runtime connected and passed at spawn) as runc sends it,
 *                                             and both are closed here
 *   setns FD NSTYPE                           join the namespace held by our (O_PATH) fd FD, then close FD: for
 *                                             `jrunc exec`, whose first stage joins the container's mount (and
 *                                             time) namespace itself, after it has started from the host's file
 *   userns                                    unshare(CLONE_NEWUSER); the runtime then writes our uid_map/gid_map
 *   setnspath PATH FLAG                       join the namespace at PATH (a user namespace: no thread of the
 *                                             runtime can); EINVAL when it is not of type FLAG
 *   unshare FLAGS                             unshare(FLAGS): the namespaces a new user namespace owns, made before
 *                                             an "nsfork 0" when the runtime has to write to a new time namespace
 *                                             (its timens_offsets) before any process enters it
 *   nsfork FLAGS                              unshare(FLAGS) (the namespaces the new user namespace owns), then
 *                                             clone(CLONE_PARENT): the child, pid 1 of a new pid namespace and a
 *                                             child of the runtime, goes on as the init; we answer "ok" PID
 *                                             (the child's) and exit
 *   exec FIFO_FD KEEP_FDS PATH ARGC ARG... ENV...
 * "exec" is answered "ok" once its fields are sound; then the socket is closed, the process blocks until
 * `start` opens the exec fifo, closes every fd from KEEP_FDS up and calls execve. A failure after that
 * point has nobody to tell but the container's stderr, as runc's "exec failed". An empty FIFO_FD (`jrunc
 * exec`) skips the wait: the program runs at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/keyctl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The largest request is an exec whose argv and envp execve(2) could still take: at most 6 MiB of strings and
 * pointers together (3/4 of the kernel's 8 MiB stack limit), each string costing at least its NUL and a pointer,
 * plus a few small fields and the program's path. The runtime refuses anything larger before it asks
 * (ports.model.StageMessage and ExecArguments hold the same numbers). */
#define MAX_EXEC_ARGS (6 << 20)
#define MAX_MESSAGE (MAX_EXEC_ARGS + (64 << 10))
#define MAX_FIELDS (MAX_EXEC_ARGS / (1 + 8) + 16)

#ifndef DEVPTS_SUPER_MAGIC
#define DEVPTS_SUPER_MAGIC 0x1cd1
#endif
#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

static int sync_fd = -1;
/* Our own /proc/self, opened before the container's mounts exist: every /proc/self path the runtime names (the
 * exec fifo's fd, attr/exec, cgroup) is reached through it, never through a /proc the image or a mount could
 * have shaped (CVE-2019-16884, CVE-2019-19921). */
static int proc_self = -1;

/* A seccomp program the runtime compiled, to install right before execve (noNewPrivileges: as late as runc). */
static struct sock_fprog late_seccomp;
static unsigned long late_seccomp_flags;
static char message[MAX_MESSAGE + 1];
static char *fields[MAX_FIELDS];

static int read_full(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

static int write_full(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

#define MAX_READ (64 << 10)

/* Sends the fields as one message. The runtime gone means nothing is left to do: exit. */
static void send_fields(int count, const char **values) {
    static char out[4 + MAX_READ + 64];
    size_t len = 0;
    for (int i = 0; i < count; i++) {
        size_t n = strlen(values[i]) + 1;
        if (4 + len + n > sizeof out) _exit(1);
        memcpy(out + 4 + len, values[i], n);
        len += n;
    }
    uint32_t l = (uint32_t) len;
    memcpy(out, &l, 4);
    if (write_full(sync_fd, out, 4 + len) < 0) _exit(1);
}

/* "ok" with FD attached (SCM_RIGHTS) to its first bytes: the runtime receives its own copy. */
static void reply_ok_with_fd(int fd) {
    static const char message[] = {3, 0, 0, 0, 'o', 'k', 0};
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct iovec iov = {(void *) message, sizeof message};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    ssize_t n;
    do {
        n = sendmsg(sync_fd, &msg, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0 || write_full(sync_fd, message + n, sizeof message - (size_t) n) < 0) _exit(1);
}

static void reply_ok(void) {
    const char *ok[] = {"ok"};
    send_fields(1, ok);
}

static void reply_errno(int err) {
    char number[16];
    snprintf(number, sizeof number, "%d", err);
    const char *values[] = {"err", number};
    send_fields(2, values);
}

/* Reads one request into fields; returns how many, or exits when the runtime went away. */
static int receive(void) {
    uint32_t len;
    if (read_full(sync_fd, &len, 4) < 0) _exit(1);
    if (len == 0 || len > MAX_MESSAGE) _exit(2);
    if (read_full(sync_fd, message, len) < 0) _exit(1);
    if (message[len - 1] != '\0') _exit(2);
    int count = 0;
    for (uint32_t at = 0; at < len; at += (uint32_t) strlen(message + at) + 1) {
        if (count == MAX_FIELDS) _exit(2);
        fields[count++] = message + at;
    }
    return count;
}

/* A decimal number that must fit; a malformed one is the runtime's bug, answered as EINVAL. */
static int number(const char *text, unsigned long long max, unsigned long long *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v > max || text[0] == '-') {
        errno = EINVAL;
        return -1;
    }
    *out = v;
    return 0;
}

/* Whether fd lies on a proc filesystem: what we write or read there must reach the kernel, not a file put in
 * its place. EXDEV otherwise. */
static int on_procfs(int fd) {
    struct statfs fs;
    if (fstatfs(fd, &fs) < 0) return -1;
    if (fs.f_type != PROC_SUPER_MAGIC) { errno = EXDEV; return -1; }
    return 0;
}

/* Opens PATH; one under /proc/self/ through our own handle, with no link followed at its end. */
static int open_own(const char *path, int flags) {
    static const char self[] = "/proc/self/";
    int fd;
    if (strncmp(path, self, sizeof self - 1) == 0) {
        fd = openat(proc_self, path + sizeof self - 1, flags | O_NOFOLLOW | O_CLOEXEC);
    } else {
        fd = open(path, flags | O_CLOEXEC);
    }
    return fd;
}

/* Opens PATH, one of our own /proc/self files, for writing: beneath our handle with openat2, crossing no mount
 * and following no link (CVE-2025-52881: a file bound over attr/exec must not take the label); open_own where
 * the kernel has no openat2. */
static int open_own_for_write(const char *path) {
    static const char self[] = "/proc/self/";
    if (strncmp(path, self, sizeof self - 1) != 0) return open_own(path, O_WRONLY);
    struct open_how how = {
        .flags = O_WRONLY | O_CLOEXEC,
        .resolve = RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS,
    };
    int fd = (int) syscall(SYS_openat2, proc_self, path + sizeof self - 1, &how, sizeof how);
    if (fd < 0 && errno == ENOSYS) fd = open_own(path, O_WRONLY);
    return fd;
}

/* mount(2) of SRC on RELATIVE beneath ROOT: the target opened with openat2 RESOLVE_IN_ROOT, so that a link
 * swapped in after the runtime resolved it stays inside ROOT (CVE-2021-30465's race, for the proc mount only
 * we can make), then mounted on through our fd's /proc/self/fd link (the host's /proc: the root is not switched
 * yet). A kernel without openat2 gets the joined path. */
static int do_mount_at(char **f) {
    unsigned long long flags;
    if (number(f[4], ULONG_MAX, &flags) < 0) return -1;
    const char *src = f[2][0] ? f[2] : NULL, *type = f[3][0] ? f[3] : NULL, *data = f[5][0] ? f[5] : NULL;
    int root = open(f[0], O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) return -1;
    struct open_how how = { .flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT };
    int target = (int) syscall(SYS_openat2, root, f[1], &how, sizeof how);
    int saved = errno;
    close(root);
    char path[PATH_MAX];
    if (target < 0) {
        if (saved != ENOSYS) { errno = saved; return -1; }
        if (snprintf(path, sizeof path, "%s/%s", f[0], f[1]) >= (int) sizeof path) { errno = ENAMETOOLONG; return -1; }
        return mount(src, path, type, (unsigned long) flags, data);
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", target);
    int rc = mount(src, path, type, (unsigned long) flags, data);
    saved = errno;
    close(target);
    errno = saved;
    return rc;
}

/* The runtime writes only its own /proc/self/attr files this way, so anything but procfs is refused. */
static int do_write(const char *path, const char *value) {
    int fd = open_own_for_write(path);
    if (fd < 0) return -1;
    int rc = on_procfs(fd);
    if (rc == 0) rc = write_full(fd, value, strlen(value));
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* Reads a whole small file; a NUL inside would cut the field short, so such a file is refused. */
static int do_read(const char *path, char *buf) {
    int fd = open_own(path, O_RDONLY);
    if (fd < 0) return -1;
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fd, buf + len, MAX_READ - len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) { int saved = errno; close(fd); errno = saved; return -1; }
        if (n == 0) break;
        len += (size_t) n;
        if (len == MAX_READ) { close(fd); errno = EFBIG; return -1; }
    }
    close(fd);
    buf[len] = '\0';
    if (strlen(buf) != len) { errno = EINVAL; return -1; }
    return 0;
}

/* runc's: a session keyring of the container's own, so it shares none with the runtime's caller. */
static int do_keyring(const char *name, const char *extra) {
    unsigned long long perms;
    if (number(extra, UINT32_MAX, &perms) < 0) return -1;
    long id = syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, name);
    if (id < 0) return -1;
    char description[512];
    long n = syscall(SYS_keyctl, KEYCTL_DESCRIBE, id, description, sizeof description);
    if (n < 0) return -1;
    description[sizeof description - 1] = '\0';
    /* "type;uid;gid;perm;description", perm in hex */
    char *field = description;
    for (int i = 0; i < 3 && field; i++) {
        field = strchr(field, ';');
        if (field) field++;
    }
    if (!field) { errno = EINVAL; return -1; }
    unsigned long perm = strtoul(field, NULL, 16);
    return (int) syscall(SYS_keyctl, KEYCTL_SETPERM, id, (unsigned long) (perm | perms));
}

static int do_caps(char **f) {
    unsigned long long m[5];
    for (int i = 0; i < 5; i++) {
        if (number(f[i], UINT64_MAX, &m[i]) < 0) return -1;
    }
    for (int cap = 0; cap < 64; cap++) {
        if (m[0] & (1ULL << cap)) continue;
        int held = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
        if (held < 0) {
            if (errno == EINVAL) break; /* past the kernel's last capability */
            return -1;
        }
        /* Dropping takes CAP_SETPCAP even for a cap already gone, which a process no longer root lacks. */
        if (held == 1 && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) return -1;
    }
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    for (int word = 0; word < 2; word++) {
        data[word].effective = (uint32_t) (m[1] >> (32 * word));
        data[word].permitted = (uint32_t) (m[2] >> (32 * word));
        data[word].inheritable = (uint32_t) (m[3] >> (32 * word));
    }
    if (syscall(SYS_capset, &header, data) < 0) return -1;
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0) return -1;
    for (int cap = 0; cap < 64; cap++) {
        if ((m[4] & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0) return -1;
    }
    return 0;
}

static int do_groups(int count, char **f) {
    static gid_t gids[MAX_FIELDS];
    for (int i = 0; i < count; i++) {
        unsigned long long g;
        if (number(f[i], UINT32_MAX, &g) < 0) return -1;
        gids[i] = (gid_t) g;
    }
    return (int) syscall(SYS_setgroups, (size_t) count, gids);
}

static int do_res(long nr, char **f) {
    unsigned long long ids[3];
    for (int i = 0; i < 3; i++) {
        if (number(f[i], UINT32_MAX, &ids[i]) < 0) return -1;
    }
    return (int) syscall(nr, (unsigned) ids[0], (unsigned) ids[1], (unsigned) ids[2]);
}

/* Checks an exec request; on success fills what the exec needs. */
static int parse_exec(int count, char **f, int *fifo, int *keep, char ***argv, char ***envp) {
    unsigned long long v, argc;
    if (count < 5) { errno = EINVAL; return -1; }
    if (f[1][0] == '\0') {
        *fifo = -1; /* jrunc exec: no start to wait for */
    } else if (number(f[1], INT32_MAX, &v) < 0) {
        return -1;
    } else {
        *fifo = (int) v;
    }
    if (number(f[2], INT32_MAX, &v) < 0 || v < 3) { errno = EINVAL; return -1; }
    *keep = (int) v;
    if (number(f[4], (unsigned long long) (count - 5), &argc) < 0 || argc == 0) { errno = EINVAL; return -1; }
    /* The strings stay in the message buffer; only the two arrays, each with room for its NULL, are new. */
    static char *argv_buf[MAX_FIELDS + 1], *env_buf[MAX_FIELDS + 1];
    int at = 5;
    for (unsigned long long i = 0; i < argc; i++) argv_buf[i] = f[at++];
    argv_buf[argc] = NULL;
    int envc = 0;
    while (at < count) env_buf[envc++] = f[at++];
    env_buf[envc] = NULL;
    *argv = argv_buf;
    *envp = env_buf;
    return 0;
}

/* Whether our cwd lies under our root. A cwd reached through a magic link to a file of another mount (our own
 * /proc/self handle, a host fd: process.cwd "/proc/self/fd/3") is outside it, and getcwd says "(unreachable)"
 * or fails: the program would start in the host's tree (CVE-2024-21626). EXDEV then. */
static int cwd_inside_root(void) {
    static char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL || cwd[0] != '/') {
        errno = EXDEV;
        return -1;
    }
    return 0;
}

static void close_from(int lowest) {
    if (syscall(SYS_close_range, (unsigned) lowest, ~0U, 0) == 0) return;
    long max = sysconf(_SC_OPEN_MAX);
    for (long fd = lowest; fd < (max > 0 ? max : 1024); fd++) close((int) fd);
}

/* startContainer hooks, from a "hooks" request: run once `start` opened the exec fifo, as the user we now are,
 * before the seccomp filter loaded at exec and the program's execve, each path resolved in the container (runc's
 * init runs them at the same place). Each reads STATE on its stdin; what it writes on stdout and stderr is kept
 * for the error; it gets no other fd of ours. The first that cannot start, fails, dies of a signal or runs past
 * its TIMEOUT seconds (0: none; killed then) ends us with exit status 1 and runc's words on our stderr. */
struct start_hook {
    const char *path;
    unsigned long long timeout;
    char **argv;
    char **envp;
};
static struct start_hook *start_hooks;
static int start_hook_count;
static const char *start_state;

/* The request's strings live in the message buffer, which the next request overwrites: they are copied. */
static int keep_start_hooks(int count, char **f) {
    size_t len = (size_t) (f[count - 1] + strlen(f[count - 1]) + 1 - f[0]);
    char *copy = malloc(len);
    char **at = malloc(sizeof(char *) * (size_t) count);
    if (copy == NULL || at == NULL) { errno = ENOMEM; return -1; }
    memcpy(copy, f[0], len);
    for (int i = 0; i < count; i++) at[i] = copy + (f[i] - f[0]);
    unsigned long long n, v;
    if (count < 3 || number(at[2], (unsigned long long) count, &n) < 0) { errno = EINVAL; return -1; }
    struct start_hook *hooks = calloc(n + 1, sizeof *hooks);
    if (hooks == NULL) { errno = ENOMEM; return -1; }
    int i = 3;
    for (unsigned long long h = 0; h < n; h++) {
        if (i + 3 > count) { errno = EINVAL; return -1; }
        hooks[h].path = at[i++];
        if (number(at[i++], UINT32_MAX, &hooks[h].timeout) < 0) return -1;
        for (int list = 0; list < 2; list++) {
            if (i >= count || number(at[i], (unsigned long long) (count - i - 1), &v) < 0) { errno = EINVAL; return -1; }
            i++;
            char **strings = calloc(v + 1, sizeof(char *));
            if (strings == NULL) { errno = ENOMEM; return -1; }
            for (unsigned long long k = 0; k < v; k++) strings[k] = at[i++];
            if (list == 0) hooks[h].argv = strings; else hooks[h].envp = strings;
        }
    }
    if (i != count || n == 0 || hooks[0].argv[0] == NULL) { errno = EINVAL; return -1; }
    start_hooks = hooks;
    start_hook_count = (int) n;
    start_state = at[1];
    return 0;
}

static int hook_memfd(const char *name) {
    return (int) syscall(SYS_memfd_create, name, 1 /* MFD_CLOEXEC */);
}

/* At most max bytes of what a hook wrote to fd, from its start. */
static void hook_output(int fd, char *out, size_t max) {
    ssize_t n = lseek(fd, 0, SEEK_SET) < 0 ? -1 : read(fd, out, max);
    out[n > 0 ? n : 0] = '\0';
}

/* Go's names, as runc's error has them ("signal: killed"). */
static const char *hook_signal(int sig) {
    static const char *names[] = {"", "hangup", "interrupt", "quit", "illegal instruction", "trace/breakpoint trap",
        "aborted", "bus error", "floating point exception", "killed", "user defined signal 1", "segmentation fault",
        "user defined signal 2", "broken pipe", "alarm clock", "terminated"};
    return sig > 0 && sig < 16 ? names[sig] : "unknown signal";
}

static _Noreturn void hook_failed(int index, const char *what) {
    dprintf(2, "error running hook #%d: %s\n", index, what);
    _exit(1);
}

static void run_start_hooks(void) {
    static char out[4096], err[4096], why[sizeof out + sizeof err + 256];
    for (int h = 0; h < start_hook_count; h++) {
        struct start_hook *hook = &start_hooks[h];
        int in = hook_memfd("hook-stdin"), o = hook_memfd("hook-stdout"), e = hook_memfd("hook-stderr");
        int report[2];
        if (in < 0 || o < 0 || e < 0 || pipe2(report, O_CLOEXEC) < 0
                || write_full(in, start_state, strlen(start_state)) < 0 || lseek(in, 0, SEEK_SET) < 0) {
            snprintf(why, sizeof why, "set up its stdio: %s", strerror(errno));
            hook_failed(h, why);
        }
        pid_t pid = fork();
        if (pid < 0) {
            snprintf(why, sizeof why, "fork/exec %s: %s", hook->path, strerror(errno));
            hook_failed(h, why);
        }
        if (pid == 0) {
            if (dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0) _exit(127);
            /* Nothing of ours but stdio, and the report pipe, close-on-exec. */
            int keep = report[1];
            if (keep != 3 && (dup2(keep, 3) < 0 || fcntl(3, F_SETFD, FD_CLOEXEC) < 0)) _exit(127);
            close_from(4);
            execve(hook->path, hook->argv, hook->envp);
            int failure = errno;
            write_full(3, &failure, sizeof failure);
            _exit(127);
        }
        close(report[1]);
        int exec_errno = 0;
        ssize_t got;
        do got = read(report[0], &exec_errno, sizeof exec_errno); while (got < 0 && errno == EINTR);
        close(report[0]);
        int status = 0;
        int timed_out = 0;
        struct timespec start, now, pause = {0, 5000000};
        clock_gettime(CLOCK_MONOTONIC, &start);
        for (;;) {
            pid_t r = waitpid(pid, &status, hook->timeout > 0 ? WNOHANG : 0);
            if (r == pid) break;
            if (r < 0 && errno != EINTR) { status = 0; break; }
            if (hook->timeout > 0) {
                clock_gettime(CLOCK_MONOTONIC, &now);
                if ((unsigned long long) (now.tv_sec - start.tv_sec) * 1000000000ULL + (unsigned long long) now.tv_nsec
                        - (unsigned long long) start.tv_nsec >= hook->timeout * 1000000000ULL) {
                    kill(pid, SIGKILL);
                    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
                    timed_out = 1;
                    break;
                }
                nanosleep(&pause, NULL);
            }
        }
        if (got == (ssize_t) sizeof exec_errno) {
            /* Go's words: "fork/exec PATH: no such file or directory" (its errno texts are lower-case). */
            char text[128];
            snprintf(text, sizeof text, "%s", strerror(exec_errno));
            text[0] = (char) (text[0] >= 'A' && text[0] <= 'Z' ? text[0] - 'A' + 'a' : text[0]);
            snprintf(why, sizeof why, "fork/exec %s: %s", hook->path, text);
            hook_failed(h, why);
        }
        if (timed_out) {
            snprintf(why, sizeof why, "hook ran past specified timeout of %llu.0s", hook->timeout);
            hook_failed(h, why);
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            char ended[64];
            if (WIFSIGNALED(status)) snprintf(ended, sizeof ended, "signal: %s", hook_signal(WTERMSIG(status)));
            else snprintf(ended, sizeof ended, "exit status %d", WEXITSTATUS(status));
            hook_output(o, out, sizeof out - 1);
            hook_output(e, err, sizeof err - 1);
            snprintf(why, sizeof why, "error running hook: %s, stdout: %s, stderr: %s", ended, out, err);
            hook_failed(h, why);
        }
        close(in);
        close(o);
        close(e);
    }
}

/* Blocks until `start` opens the exec fifo's read end. */
static void await_start(int fifo) {
    char through[32];
    /* The fifo's own path lies outside the new root: it is reopened through our O_PATH fd, by our own /proc
     * handle, so that no file the container put at /proc/self/fd/N stands in for it and lets the program run
     * before start. */
    snprintf(through, sizeof through, "fd/%d", fifo);
    int w;
    do {
        w = openat(proc_self, through, O_WRONLY | O_CLOEXEC); /* blocks until start opens the read end */
    } while (w < 0 && errno == EINTR);
    if (w < 0 || write_full(w, "0", 1) < 0) {
        dprintf(2, "exec failed: open exec fifo: %s\n", strerror(errno));
        _exit(1);
    }
    /* With startContainer hooks, our end stays open (close-on-exec) until the execve: start reads the fifo to its
     * end, so it returns, and runs the poststart hooks, only once those hooks are done and the program runs. */
    if (start_hook_count == 0) close(w);
    close(fifo);
}

/* setns FD NSTYPE: FD is an O_PATH handle the runtime opened on /proc/[init]/ns/X and checked was the container's
 * init's; setns(2) takes no O_PATH fd, so it is reopened through our own /proc handle (never a path the container
 * could shape). Joining the mount namespace moves our root and cwd to the container's root. */
static int do_setns(const char *fd_text, const char *type_text) {
    unsigned long long fd, type;
    if (number(fd_text, INT32_MAX, &fd) < 0 || number(type_text, INT32_MAX, &type) < 0) return -1;
    char through[32];
    snprintf(through, sizeof through, "fd/%d", (int) fd);
    int ns = openat(proc_self, through, O_RDONLY | O_CLOEXEC);
    if (ns < 0) return -1;
    int rc = setns(ns, (int) type);
    int saved = errno;
    close(ns);
    close((int) fd);
    errno = saved;
    return rc;
}

static _Noreturn void exec_after_start(int fifo, int keep, const char *path, char **argv, char **envp) {
    close(sync_fd);
    if (fifo >= 0) await_start(fifo);
    close(proc_self);
    if (cwd_inside_root() < 0) {
        dprintf(2, "exec failed: current working directory is outside of container mount namespace root -- "
                   "possible container breakout detected\n");
        _exit(1);
    }
    run_start_hooks();
    if (late_seccomp.filter != NULL
            && syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, late_seccomp_flags, &late_seccomp) < 0) {
        dprintf(2, "exec failed: load seccomp filter: %s\n", strerror(errno));
        _exit(1);
    }
    /* Nothing of ours beyond stdio and the fds the caller asked to pass on reaches the program. */
    close_from(keep);
    execve(path, argv, envp);
    dprintf(2, "exec failed: exec %s: %s\n", path, strerror(errno));
    _exit(1);
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* seccomp FLAGS AT_EXEC HEX: the program as the runtime's libseccomp exported it, in hex. */
/* LISTENER: the notify fd a filter installed with SECCOMP_FILTER_FLAG_NEW_LISTENER gave, else -1. */
static int do_seccomp(char **f, int *listener) {
    unsigned long long flags, at_exec;
    *listener = -1;
    if (number(f[0], ULONG_MAX, &flags) < 0 || number(f[1], 1, &at_exec) < 0) return -1;
    /* The fd would come after the socket is closed, with nobody to hand it to. */
    if (at_exec && (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER)) { errno = EINVAL; return -1; }
    size_t digits = strlen(f[2]);
    if (digits == 0 || digits % (2 * sizeof(struct sock_filter)) != 0
            || digits / 2 / sizeof(struct sock_filter) > BPF_MAXINSNS) {
        errno = EINVAL;
        return -1;
    }
    size_t len = digits / 2;
    unsigned char *bytes = malloc(len);
    if (bytes == NULL) return -1;
    for (size_t i = 0; i < len; i++) {
        int hi = hex_digit(f[2][2 * i]), lo = hex_digit(f[2][2 * i + 1]);
        if (hi < 0 || lo < 0) { free(bytes); errno = EINVAL; return -1; }
        bytes[i] = (unsigned char) (hi << 4 | lo);
    }
    struct sock_fprog prog = {(unsigned short) (len / sizeof(struct sock_filter)), (struct sock_filter *) bytes};
    if (at_exec) {
        free(late_seccomp.filter);
        late_seccomp = prog;
        late_seccomp_flags = (unsigned long) flags;
        return 0;
    }
    int rc = (int) syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, (unsigned long) flags, &prog);
    int saved = errno;
    free(bytes);
    errno = saved;
    if (rc > 0 && (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER)) {
        *listener = rc;
        return 0;
    }
    return rc;
}

/* The process and platform fields of runtime-spec 1.2/1.3: what we set on ourselves for the program to inherit. */

/* struct sched_attr as sched_setattr(2) takes it in its first version (SCHED_ATTR_SIZE_VER0). */
struct sched_attr_v0 {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
};

static int do_sched(char **f) {
    static const unsigned long long max[7] = {UINT32_MAX, UINT64_MAX, UINT32_MAX, UINT32_MAX, UINT64_MAX,
                                              UINT64_MAX, UINT64_MAX};
    unsigned long long v[7];
    for (int i = 0; i < 7; i++) {
        if (number(f[i], max[i], &v[i]) < 0) return -1;
    }
    struct sched_attr_v0 attr = {sizeof attr, (uint32_t) v[0], v[1], (int32_t) (uint32_t) v[2], (uint32_t) v[3],
                                 v[4], v[5], v[6]};
    return (int) syscall(SYS_sched_setattr, 0, &attr, 0);
}

/* At most 8192 CPUs or nodes (the runtime's bound too): 128 words. */
#define MAX_MASK_WORDS 128

static int mask_words(int count, char **f, unsigned long *mask) {
    if (count > MAX_MASK_WORDS) { errno = EINVAL; return -1; }
    for (int i = 0; i < count; i++) {
        unsigned long long w;
        if (number(f[i], UINT64_MAX, &w) < 0) return -1;
        mask[i] = (unsigned long) w;
    }
    return 0;
}

static int do_mempolicy(int count, char **f) {
    static unsigned long mask[MAX_MASK_WORDS];
    unsigned long long mode;
    if (number(f[0], INT32_MAX, &mode) < 0 || mask_words(count - 1, f + 1, mask) < 0) return -1;
    /* maxnode: the kernel reads one bit fewer than it is told. */
    return (int) syscall(SYS_set_mempolicy, (int) mode, count > 1 ? mask : NULL,
                         count > 1 ? (unsigned long) (count - 1) * 64 + 1 : 0UL);
}

static int do_affinity(int count, char **f) {
    static unsigned long mask[MAX_MASK_WORDS];
    if (count == 0 || mask_words(count, f, mask) < 0) { if (count == 0) errno = EINVAL; return -1; }
    return (int) syscall(SYS_sched_setaffinity, 0, (size_t) count * sizeof(unsigned long), mask);
}

/* The new mount API (5.2): a bind of an fd onto an fd, with no path looked up anywhere. */
#ifndef SYS_open_tree
#define SYS_open_tree 428
#endif
#ifndef SYS_move_mount
#define SYS_move_mount 429
#endif
#define JRUNC_OPEN_TREE_CLONE 1
#define JRUNC_MOVE_MOUNT_F_EMPTY_PATH 0x4
#define JRUNC_MOVE_MOUNT_T_EMPTY_PATH 0x40

/* Whether fd is a pty's peer of a devpts instance: what we bind on /dev/console and hand to the program must be
 * one, never a file the container's image put where a pty was expected. ENOTTY otherwise. */
static int is_pty_peer(int fd) {
    struct statfs fs;
    struct stat st;
    if (fstatfs(fd, &fs) < 0 || fstat(fd, &st) < 0) return -1;
    if (fs.f_type != DEVPTS_SUPER_MAGIC || !S_ISCHR(st.st_mode)) { errno = ENOTTY; return -1; }
    return 0;
}

/*
 * /dev/console, as a bind of the pty's peer (runc's mountConsole), made so that nothing the container controls
 * can redirect it (CVE-2025-52565): /dev is opened without following a link, /dev/console is created there or
 * must already be a regular file or a character device of its own (a link is refused, not followed), and the
 * bind goes from the peer's fd onto that file's fd, by open_tree/move_mount: no path is looked up again.
 */
static int bind_console(int peer) {
    int dev = open("/dev", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dev < 0) return -1;
    mode_t old = umask(0);
    int made = openat(dev, "console", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    umask(old);
    if (made >= 0) close(made);
    else if (errno != EEXIST) { int saved = errno; close(dev); errno = saved; return -1; }
    int target = openat(dev, "console", O_PATH | O_NOFOLLOW | O_CLOEXEC);
    int saved = errno;
    close(dev);
    if (target < 0) { errno = saved; return -1; }
    struct stat st;
    if (fstat(target, &st) < 0) saved = errno;
    else if (S_ISLNK(st.st_mode)) saved = ELOOP;
    else if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode)) saved = EINVAL;
    else saved = 0;
    if (saved != 0) {
        close(target);
        errno = saved;
        return -1;
    }
    int tree = (int) syscall(SYS_open_tree, peer, "", JRUNC_OPEN_TREE_CLONE | AT_EMPTY_PATH | O_CLOEXEC);
    int rc = -1;
    if (tree >= 0) {
        rc = (int) syscall(SYS_move_mount, tree, "", target, "",
                           JRUNC_MOVE_MOUNT_F_EMPTY_PATH | JRUNC_MOVE_MOUNT_T_EMPTY_PATH);
        saved = errno;
        close(tree);
    } else {
        saved = errno;
    }
    close(target);
    errno = saved;
    return rc;
}

/* runc's utils.SendFile: one message whose payload is the file's name, the fd in an SCM_RIGHTS control message. */
static int send_master(int socket, int master) {
    static const char name[] = "/dev/ptmx";
    struct iovec iov = {(void *) name, sizeof name - 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &master, sizeof(int));
    ssize_t n;
    do {
        n = sendmsg(socket, &msg, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? -1 : 0;
}

/* console SOCKET_FD ROWS COLS UID BIND: see the header. Runs after the switch of root (for exec: after the setns
 * into the container's mount namespace), so /dev/ptmx is the container's (the link to its own /dev/pts/ptmx), and
 * before the user switch, as runc's setupConsole. */
static int do_console(char **f) {
    unsigned long long socket, rows, cols, uid, bind;
    if (number(f[0], INT32_MAX, &socket) < 0 || number(f[1], UINT16_MAX, &rows) < 0
            || number(f[2], UINT16_MAX, &cols) < 0 || number(f[3], UINT32_MAX, &uid) < 0
            || number(f[4], 1, &bind) < 0) return -1;
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    int unlock = 0, peer = -1, rc = -1;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0) goto out;
    /* The peer by the master's fd, never by a /dev/pts/N path the container could have replaced. */
    peer = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (peer < 0 || is_pty_peer(peer) < 0) goto out;
    if (rows != 0 && cols != 0) {
        struct winsize size = {(unsigned short) rows, (unsigned short) cols, 0, 0};
        if (ioctl(master, TIOCSWINSZ, &size) < 0) goto out;
    }
    /* runc's fixStdioPermissions: the user the program runs as owns its terminal (the group stays devpts's). */
    if (fchown(peer, (uid_t) uid, (gid_t) -1) < 0) goto out;
    if (bind && bind_console(peer) < 0) goto out;
    if (send_master((int) socket, master) < 0) goto out;
    /* We are a session leader without a terminal (setsid at start): the peer becomes ours, and the program's. */
    if (ioctl(peer, TIOCSCTTY, 0) < 0) goto out;
    for (int fd = 0; fd < 3; fd++) {
        if (dup2(peer, fd) < 0) goto out;
    }
    rc = 0;
out:;
    int saved = errno;
    if (peer >= 0) close(peer);
    close(master);
    /* The runtime's socket has done its work; it must not live on to the program either way. */
    close((int) socket);
    errno = saved;
    return rc;
}

/*
 * A new user namespace (docs/architecture.md, "User namespaces"): no thread of the JVM can unshare one, so we
 * do, started without namespaces of our own; the runtime writes our uid_map and gid_map while we wait.
 */
static int do_userns(void) {
    return unshare(CLONE_NEWUSER);
}

/* setnspath PATH FLAG: a namespace the runtime's thread cannot join for us (a user namespace). */
static int do_setns_path(const char *path, const char *text) {
    unsigned long long type;
    if (number(text, INT32_MAX, &type) < 0) return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = setns(fd, (int) type);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/*
 * nsfork FLAGS: the other new namespaces, made now so that our new user namespace owns them. A new pid
 * namespace takes only our children, so we clone one: with CLONE_PARENT it is the runtime's child (as runc's
 * nsexec stages are), which the runtime reaps and `run` waits for, and it is pid 1 of the new namespace. The
 * child goes on as the init with the same sync socket; we answer with its pid and leave.
 */
static int do_nsfork(const char *text) {
    unsigned long long flags;
    if (number(text, INT32_MAX, &flags) < 0) return -1;
    if (unshare((int) flags) < 0) return -1;
    long child = syscall(SYS_clone, (unsigned long) (CLONE_PARENT | SIGCHLD), 0UL, 0UL, 0UL, 0UL);
    if (child < 0) return -1;
    if (child == 0) {
        /* Our /proc/self handle names our parent's directory: the child opens its own; a session of its own too. */
        int own = open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (own < 0 || on_procfs(own) < 0 || setsid() < 0) _exit(1);
        close(proc_self);
        proc_self = own;
        return 0;
    }
    char pid[24];
    snprintf(pid, sizeof pid, "%ld", child);
    const char *values[] = {"ok", pid};
    send_fields(2, values);
    _exit(0);
}

#define SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

/*
 * We run from a sealed copy of ourselves in memory, never from the host's file (CVE-2019-5736): the container's
 * processes see our /proc/[pid]/exe, and a process of theirs that execs /proc/self/exe before our own execve
 * runs this program too. Through either, a handle on the host's file could be reopened for writing later, and
 * the next container would run what was written there as root. A sealed memfd cannot be written, shrunk or
 * grown. Returns when we are that copy; otherwise copies, seals and execs it.
 */
static void run_from_sealed_copy(char **argv, char **envp) {
    int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (self < 0) {
        dprintf(2, "jrunc-init: open /proc/self/exe: %s\n", strerror(errno));
        _exit(1);
    }
    int seals = fcntl(self, F_GET_SEALS);
    if (seals >= 0 && (seals & SEALS) == SEALS) {
        close(self);
        return;
    }
    struct stat st;
    int copy = (int) syscall(SYS_memfd_create, "jrunc-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (copy < 0 || fstat(self, &st) < 0) {
        dprintf(2, "jrunc-init: copy of itself: %s\n", strerror(errno));
        _exit(1);
    }
    for (off_t done = 0; done < st.st_size;) {
        ssize_t n = sendfile(copy, self, NULL, (size_t) (st.st_size - done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            dprintf(2, "jrunc-init: copy of itself: %s\n", n < 0 ? strerror(errno) : "short");
            _exit(1);
        }
        done += n;
    }
    close(self);
    if (fcntl(copy, F_ADD_SEALS, SEALS) < 0) {
        dprintf(2, "jrunc-init: seal its copy: %s\n", strerror(errno));
        _exit(1);
    }
    syscall(SYS_execveat, copy, "", argv, envp, AT_EMPTY_PATH);
    dprintf(2, "jrunc-init: exec its sealed copy: %s\n", strerror(errno));
    _exit(1);
}

/* A signal the runtime sends (kill ID TERM before start) ends us: as pid 1 of its namespace, a signal with
 * no handler would be ignored, and a created container could not be stopped but by SIGKILL. */
static void die(int sig) {
    _exit(128 + sig);
}

static void ignore(int sig) {
    (void) sig;
}

/* As runc's init (a Go program) takes signals while it waits: HUP, INT and TERM end it, and QUIT, TRAP, ABRT,
 * STKFLT and SYS too; every other signal it catches and does nothing with (kill ID USR1 leaves a created
 * container created). A handler of our own is needed either way: as pid 1 of its namespace a signal without
 * one would simply be discarded, and outside one, USR1's default would end us. */
static void end_on_signals(void) {
    struct sigaction end, keep;
    memset(&end, 0, sizeof end);
    end.sa_handler = die;
    sigfillset(&end.sa_mask);
    memset(&keep, 0, sizeof keep);
    keep.sa_handler = ignore;
    keep.sa_flags = SA_RESTART;
    for (int sig = 1; sig <= SIGRTMAX; sig++) {
        switch (sig) {
        case SIGKILL: case SIGSTOP:                              /* cannot be caught */
        case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH: /* end nothing by default */
        case SIGTSTP: case SIGTTIN: case SIGTTOU:
        case SIGPIPE:                                            /* a gone runtime: write fails with EPIPE */
        case SIGSEGV: case SIGBUS: case SIGFPE: case SIGILL:     /* our own faults keep their default */
            continue;
        case SIGHUP: case SIGINT: case SIGTERM: case SIGQUIT: case SIGTRAP: case SIGABRT: case SIGSTKFLT:
        case SIGSYS:
            sigaction(sig, &end, NULL);
            continue;
        default:
            if (sig > SIGSYS && sig < SIGRTMIN) continue;        /* glibc's own, not ours to catch */
            sigaction(sig, &keep, NULL);
        }
    }
}

int main(int argc, char **argv, char **envp) {
    /* First: nothing in the container may open our /proc/[pid]/exe or fds (CVE-2019-5736); execve makes us
     * dumpable again, so the sealed copy says it once more. */
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) return 1;
    run_from_sealed_copy(argv, envp);
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) return 1;
    /* Exec'd from an fd, our name would be the fd's number. */
    prctl(PR_SET_NAME, "jrunc-init", 0, 0, 0);
    /* A session of our own, as runc's init: in the caller's, the container would share its controlling terminal
     * (/dev/tty, and TIOCSTI to type into the caller's shell) and get the signals sent to its process group. */
    if (setsid() < 0) {
        dprintf(2, "jrunc-init: setsid: %s\n", strerror(errno));
        return 1;
    }
    proc_self = open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (proc_self < 0 || on_procfs(proc_self) < 0) {
        dprintf(2, "jrunc-init: /proc/self is not procfs: %s\n", strerror(errno));
        return 1;
    }
    /* execve resets every caught signal to its default: the user's program starts as runc's would. */
    end_on_signals();
    unsigned long long fd;
    if (argc != 2 || number(argv[1], INT32_MAX, &fd) < 0) {
        dprintf(2, "jrunc-init: started by jrunc only (usage: jrunc-init SYNC_FD)\n");
        return 2;
    }
    sync_fd = (int) fd;
    /* The cwd we were born with is the runtime's, on the host: leave it before anything else happens
     * (CVE-2024-21626). "/" is the root that pivot_root will move us off. */
    if (chdir("/") < 0) return 1;
    const char *waiting[] = {"waiting"};
    send_fields(1, waiting);
    for (;;) {
        int count = receive();
        const char *op = fields[0];
        int rc;
        if (strcmp(op, "mount") == 0 && count == 6) {
            unsigned long long flags;
            rc = number(fields[4], ULONG_MAX, &flags);
            if (rc == 0) {
                rc = mount(fields[1][0] ? fields[1] : NULL, fields[2], fields[3][0] ? fields[3] : NULL,
                           (unsigned long) flags, fields[5][0] ? fields[5] : NULL);
            }
        } else if (strcmp(op, "mountat") == 0 && count == 7) {
            rc = do_mount_at(fields + 1);
        } else if (strcmp(op, "write") == 0 && count == 3) {
            rc = do_write(fields[1], fields[2]);
        } else if (strcmp(op, "seccomp") == 0 && count == 4) {
            int listener;
            rc = do_seccomp(fields + 1, &listener);
            if (listener >= 0) {
                /* Handed to the runtime, then closed: the notify fd never reaches the container's program. */
                reply_ok_with_fd(listener);
                close(listener);
                continue;
            }
        } else if (strcmp(op, "keepcaps") == 0 && count == 2) {
            unsigned long long keep;
            rc = number(fields[1], 1, &keep);
            if (rc == 0) rc = prctl(PR_SET_KEEPCAPS, (unsigned long) keep, 0, 0, 0);
        } else if (strcmp(op, "nnp") == 0 && count == 1) {
            rc = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        } else if (strcmp(op, "caps") == 0 && count == 6) {
            rc = do_caps(fields + 1);
        } else if (strcmp(op, "groups") == 0) {
            rc = do_groups(count - 1, fields + 1);
        } else if (strcmp(op, "resgid") == 0 && count == 4) {
            rc = do_res(SYS_setresgid, fields + 1);
        } else if (strcmp(op, "resuid") == 0 && count == 4) {
            rc = do_res(SYS_setresuid, fields + 1);
        } else if (strcmp(op, "umask") == 0 && count == 2) {
            unsigned long long mode;
            rc = number(fields[1], 0777, &mode);
            if (rc == 0) umask((mode_t) mode);
        } else if (strcmp(op, "chdir") == 0 && count == 2) {
            rc = chdir(fields[1]);
            if (rc == 0) rc = cwd_inside_root();
        } else if (strcmp(op, "chroot") == 0 && count == 2) {
            rc = chroot(fields[1]);
        } else if (strcmp(op, "access") == 0 && count == 2) {
            /* As Go's LookPath sees a path: stat's error, EISDIR for a directory, EACCES for what we may not
             * execute (access(X_OK) says yes to root for any directory, hence the stat first). */
            struct stat st;
            rc = stat(fields[1], &st);
            if (rc == 0 && S_ISDIR(st.st_mode)) {
                errno = EISDIR;
                rc = -1;
            } else if (rc == 0 && !S_ISREG(st.st_mode)) {
                errno = EACCES;
                rc = -1;
            } else if (rc == 0) {
                rc = access(fields[1], X_OK);
            }
        } else if (strcmp(op, "read") == 0 && count == 2) {
            static char content[MAX_READ + 1];
            rc = do_read(fields[1], content);
            if (rc == 0) {
                const char *values[] = {"ok", content};
                send_fields(2, values);
                continue;
            }
        } else if (strcmp(op, "keyring") == 0 && count == 3) {
            rc = do_keyring(fields[1], fields[2]);
        } else if (strcmp(op, "console") == 0 && count == 6) {
            rc = do_console(fields + 1);
        } else if (strcmp(op, "setns") == 0 && count == 3) {
            rc = do_setns(fields[1], fields[2]);
        } else if (strcmp(op, "cgroupns") == 0 && count == 1) {
            rc = unshare(CLONE_NEWCGROUP);
        } else if (strcmp(op, "hooks") == 0) {
            rc = keep_start_hooks(count, fields);
        } else if (strcmp(op, "personality") == 0 && count == 2) {
            unsigned long long persona;
            rc = number(fields[1], UINT32_MAX, &persona);
            /* personality(2) answers the previous persona, or -1 with errno. */
            if (rc == 0 && syscall(SYS_personality, (unsigned long) persona) == -1) rc = -1;
        } else if (strcmp(op, "ioprio") == 0 && count == 2) {
            unsigned long long ioprio;
            rc = number(fields[1], UINT16_MAX, &ioprio);
            if (rc == 0) rc = (int) syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0, (int) ioprio);
        } else if (strcmp(op, "sched") == 0 && count == 8) {
            rc = do_sched(fields + 1);
        } else if (strcmp(op, "mempolicy") == 0 && count >= 2) {
            rc = do_mempolicy(count - 1, fields + 1);
        } else if (strcmp(op, "affinity") == 0) {
            rc = do_affinity(count - 1, fields + 1);
        } else if (strcmp(op, "dumpable") == 0 && count == 2) {
            /* Only for the rootless runtime's own re-entry, never in a container: an unprivileged runtime (and
             * newuidmap for it) may open our uid_map only while we are dumpable; the execve that follows sets it. */
            unsigned long long on;
            rc = number(fields[1], 1, &on);
            if (rc == 0) rc = prctl(PR_SET_DUMPABLE, (unsigned long) on, 0, 0, 0);
        } else if (strcmp(op, "userns") == 0 && count == 1) {
            rc = do_userns();
        } else if (strcmp(op, "setnspath") == 0 && count == 3) {
            rc = do_setns_path(fields[1], fields[2]);
        } else if (strcmp(op, "unshare") == 0 && count == 2) {
            unsigned long long flags;
            rc = number(fields[1], INT32_MAX, &flags);
            if (rc == 0) rc = unshare((int) flags);
        } else if (strcmp(op, "nsfork") == 0 && count == 2) {
            rc = do_nsfork(fields[1]);
            if (rc == 0) continue; /* the child: its parent answered */
        } else if (strcmp(op, "exec") == 0) {
            int fifo, keep;
            char **args, **envp;
            rc = parse_exec(count, fields, &fifo, &keep, &args, &envp);
            if (rc == 0) {
                reply_ok();
                exec_after_start(fifo, keep, fields[3], args, envp);
            }
        } else {
            errno = EINVAL;
            rc = -1;
        }
        if (rc < 0) {
            reply_errno(errno);
        } else {
            reply_ok();
        }
    }
}

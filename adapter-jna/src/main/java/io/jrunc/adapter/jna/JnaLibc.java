package io.jrunc.adapter.jna;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

import java.util.Map;

/**
 * glibc, as far as the ports need it. Calls that report through errno declare {@link LastErrorException};
 * the posix_spawn family returns its error number instead and must not (glibc may leave errno dirty on
 * success there). size_t and dev_t are {@code long}: LP64 Linux only.
 */
interface JnaLibc extends Library {
    // Paths, hostnames and argv are UTF-8 whatever the JVM's locale says.
    JnaLibc INSTANCE = Native.load("c", JnaLibc.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_NOCTTY = 0400;
    int O_CLOEXEC = 02000000;
    int O_PATH = 010000000;

    // namespaces
    int unshare(int flags) throws LastErrorException;
    int setns(int fd, int nstype) throws LastErrorException;

    // files
    int open(String path, int flags, int mode) throws LastErrorException;
    int close(int fd) throws LastErrorException;
    /** glibc 2.27+; flags: MFD_CLOEXEC is 1. */
    int memfd_create(String name, int flags) throws LastErrorException;
    long lseek(int fd, long offset, int whence) throws LastErrorException;
    long read(int fd, byte[] buffer, long count) throws LastErrorException;
    long write(int fd, byte[] buffer, long count) throws LastErrorException;
    int pipe2(int[] fds, int flags) throws LastErrorException;
    int mkdir(String path, int mode) throws LastErrorException;
    int mknod(String path, int mode, long dev) throws LastErrorException;
    int mkfifo(String path, int mode) throws LastErrorException;
    int chown(String path, int uid, int gid) throws LastErrorException;
    int chmod(String path, int mode) throws LastErrorException;
    int chdir(String path) throws LastErrorException;
    int symlink(String target, String linkPath) throws LastErrorException;
    int unlink(String path) throws LastErrorException;
    int rmdir(String path) throws LastErrorException;
    int access(String path, int mode) throws LastErrorException;
    /** struct statfs is 120 bytes on LP64, f_type its first word: a long[16] holds it. */
    int fstatfs(int fd, long[] statfs) throws LastErrorException;

    // mounts
    int mount(String source, String target, String fstype, long flags, String data) throws LastErrorException;
    int mkdirat(int dirfd, String path, int mode) throws LastErrorException;
    /** glibc 2.33+ exports mknodat itself (before, __xmknodat only). */
    int mknodat(int dirfd, String path, int mode, long dev) throws LastErrorException;
    int unlinkat(int dirfd, String path, int flags) throws LastErrorException;
    int symlinkat(String target, int dirfd, String linkPath) throws LastErrorException;
    int fchownat(int dirfd, String path, int uid, int gid, int flags) throws LastErrorException;
    int umount2(String target, int flags) throws LastErrorException;
    int chroot(String path) throws LastErrorException;

    // raw system calls: glibc's syscall(2) is variadic, but reads its arguments as registers, so fixed
    // signatures are safe on x86_64 and aarch64
    long syscall(long number, long a1, long a2, long a3) throws LastErrorException;
    long syscall(long number, long count, int[] values) throws LastErrorException;
    long syscall(long number, String a1, String a2) throws LastErrorException;
    long syscall(long number, long a1, String a2, long[] a3, long a4) throws LastErrorException;
    long syscall(long number, long a1, long[] a2, long a3) throws LastErrorException;
    long syscall(long number, long a1, long a2, long[] a3) throws LastErrorException;
    long syscall(long number, long a1, byte[] a2, long a3) throws LastErrorException;
    long syscall(long number, long a1, String a2, long a3) throws LastErrorException;
    long syscall(long number, String a1, long a2) throws LastErrorException;
    long syscall(long number, long a1, long a2, long a3, long a4, long a5) throws LastErrorException;
    long syscall(long number, long a1, String a2, long a3, String a4, long a5) throws LastErrorException;
    long syscall(long number, long a1, String a2, long a3, long a4, byte[] a5) throws LastErrorException;
    long syscall(long number, long a1, String a2, long a3, long[] a4, long a5) throws LastErrorException;

    // credentials
    int prctl(int option, long a2, long a3, long a4, long a5) throws LastErrorException;
    int capset(int[] header, int[] data) throws LastErrorException;
    int capget(int[] header, int[] data) throws LastErrorException;

    // single-purpose
    int sethostname(String name, long length) throws LastErrorException;
    int setdomainname(String name, long length) throws LastErrorException;
    int prlimit(int pid, int resource, long[] newLimit, long[] oldLimit) throws LastErrorException;
    int umask(int mask);

    // processes
    int getpid();
    int kill(int pid, int signal) throws LastErrorException;
    int waitpid(int pid, int[] status, int options) throws LastErrorException;
    int execve(String path, String[] argv, String[] envp) throws LastErrorException;

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes,
                    String[] argv, String[] envp);
    int posix_spawn_file_actions_init(Pointer fileActions);
    int posix_spawn_file_actions_destroy(Pointer fileActions);
    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);
    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);
    /** glibc 2.29+: the chdir happens in the child alone. */
    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);
    int posix_spawnattr_init(Pointer attributes);
    int posix_spawnattr_destroy(Pointer attributes);
    int posix_spawnattr_setflags(Pointer attributes, short flags);
    int posix_spawnattr_setsigmask(Pointer attributes, Pointer sigset);
    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer sigset);
    int sigemptyset(Pointer sigset);

    // network
    int socket(int domain, int type, int protocol) throws LastErrorException;
    int socketpair(int domain, int type, int protocol, int[] fds) throws LastErrorException;
    int connect(int fd, byte[] address, int length) throws LastErrorException;
    long sendmsg(int fd, Pointer message, int flags) throws LastErrorException;
    long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;
    int ioctl(int fd, long request, byte[] argument) throws LastErrorException;
    int if_nametoindex(String name) throws LastErrorException;
    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;
    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;
}

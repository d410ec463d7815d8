package io.jrunc.domain.init;

import io.jrunc.domain.paths.LexicalPath;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.Set;

/**
 * Where the config's mounts may land, checked before each one is made. The runtime later writes through the
 * container's /proc (the process label, sysctls) and the init reads its own /proc: a mount that lands on one of
 * those files, through an image link such as {@code /etc/hosts -> /proc/1/attr/exec}, takes the write instead
 * of the kernel (CVE-2019-16884, CVE-2019-19921). So, as runc: nothing but a proc filesystem goes on /proc,
 * nothing goes inside it but lxcfs's files, and proc, sysfs and the mounts on /proc, /sys and /dev sit on real
 * directories at their own paths, never where an image link leads.
 */
final class MountDestinations {
    /** The files lxcfs serves, which runc lets a bind cover so that top and free read the container's figures. */
    private static final Set<String> INSIDE_PROC_ALLOWED = Set.of(
            "/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo", "/proc/stat", "/proc/swaps", "/proc/uptime",
            "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev", "/proc/sys/kernel/ns_last_pid");
    private static final Set<String> KERNEL_FILESYSTEMS = Set.of("proc", "sysfs");
    private static final Set<String> OWN_DIRECTORY = Set.of("/proc", "/sys", "/dev");

    private MountDestinations() {
    }

    /**
     * Where {@code m} is mounted on the host: proc, sysfs and whatever goes on /proc, /sys or /dev at their own
     * path, which must be a directory or nothing yet; every other mount where the image's links lead inside
     * {@code root}, which must not be in or on /proc.
     */
    static String target(Filesystem fs, String root, MountSpec m) {
        String destination = "/" + String.join("/", LexicalPath.segments(m.destination()));
        String target = RootPaths.resolve(fs, root, destination);
        if (KERNEL_FILESYSTEMS.contains(m.type()) || OWN_DIRECTORY.contains(destination)) {
            String own = RootPaths.resolve(fs, root, "/") + (destination.equals("/") ? "" : destination);
            if (!target.equals(own) || fs.exists(own) && !fs.isDirectory(own)) {
                throw SyscallException.refusal("mount", Errno.ENOTDIR,
                        "filesystem \"" + m.type() + "\" must be mounted on ordinary directory");
            }
        }
        String inContainer = RootPaths.inContainer(root, target);
        if (m.type().equals("proc")) {
            return target;
        }
        if (inContainer.equals("/proc")) {
            throw SyscallException.refusal("mount", Errno.EPERM,
                    "\"" + target + "\" cannot be mounted because it is not of type proc");
        }
        if (inContainer.startsWith("/proc/") && !INSIDE_PROC_ALLOWED.contains(inContainer)) {
            throw SyscallException.refusal("mount", Errno.EPERM,
                    "\"" + target + "\" cannot be mounted because it is inside /proc");
        }
        return target;
    }
}

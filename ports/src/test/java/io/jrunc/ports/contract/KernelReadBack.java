package io.jrunc.ports.contract;

import io.jrunc.ports.model.RlimitResource;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real kernel's answers for the contracts' read-backs, through the JDK and /proc only, never through a
 * port: what a backend did is checked by something other than that backend.
 */
final class KernelReadBack {
    /** /proc/[pid]/limits names, as fs/proc/base.c writes them. */
    private static final Map<RlimitResource, String> LIMIT_NAMES = Map.ofEntries(
            Map.entry(RlimitResource.RLIMIT_CPU, "Max cpu time"),
            Map.entry(RlimitResource.RLIMIT_FSIZE, "Max file size"),
            Map.entry(RlimitResource.RLIMIT_DATA, "Max data size"),
            Map.entry(RlimitResource.RLIMIT_STACK, "Max stack size"),
            Map.entry(RlimitResource.RLIMIT_CORE, "Max core file size"),
            Map.entry(RlimitResource.RLIMIT_RSS, "Max resident set"),
            Map.entry(RlimitResource.RLIMIT_NPROC, "Max processes"),
            Map.entry(RlimitResource.RLIMIT_NOFILE, "Max open files"),
            Map.entry(RlimitResource.RLIMIT_MEMLOCK, "Max locked memory"),
            Map.entry(RlimitResource.RLIMIT_AS, "Max address space"),
            Map.entry(RlimitResource.RLIMIT_LOCKS, "Max file locks"),
            Map.entry(RlimitResource.RLIMIT_SIGPENDING, "Max pending signals"),
            Map.entry(RlimitResource.RLIMIT_MSGQUEUE, "Max msgqueue size"),
            Map.entry(RlimitResource.RLIMIT_NICE, "Max nice priority"),
            Map.entry(RlimitResource.RLIMIT_RTPRIO, "Max realtime priority"),
            Map.entry(RlimitResource.RLIMIT_RTTIME, "Max realtime timeout"));
    private static final int O_CLOEXEC = 02000000;
    private static final int S_IFMT = 0170000;
    private static final Map<Integer, InputStream> INHERITED = new ConcurrentHashMap<>();

    private KernelReadBack() {
    }

    /** The first line of a /proc file, read as a stream (its reported size cannot be trusted). */
    static String line(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith(key + ":")) {
                    return line.substring(key.length() + 1).trim();
                }
            }
            throw new AssertionError("no " + key + " in /proc/thread-self/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long[] rlimit(int pid, RlimitResource resource) {
        String name = LIMIT_NAMES.get(resource);
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith(name + " ")) {
                    String[] f = line.substring(name.length()).trim().split("\\s+");
                    return new long[] {limit(f[0]), limit(f[1])};
                }
            }
            throw new AssertionError("no " + name + " in /proc/" + pid + "/limits");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long limit(String value) {
        return value.equals("unlimited") ? -1 : Long.parseLong(value);
    }

    static List<Integer> owner(String path) {
        try {
            Path p = Path.of(path);
            return List.of((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                    (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String deviceNode(String path) {
        try {
            Path p = Path.of(path);
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            long rdev = (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
            String type = switch (mode & S_IFMT) {
                case 0020000 -> "c";
                case 0060000 -> "b";
                case 0010000 -> "p";
                default -> "other " + Integer.toOctalString(mode & S_IFMT);
            };
            // glibc's gnu_dev_major and gnu_dev_minor
            long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
            long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
            return type + " " + major + ":" + minor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String link(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JDK opens files without O_CLOEXEC (its process launcher closes the rest itself); the fd is found by
     * the unique path it holds.
     */
    static int openInherited(String path) {
        try {
            InputStream in = new FileInputStream(path);
            String target = Path.of(path).toRealPath().toString();
            try (var fds = Files.list(Path.of("/proc/thread-self/fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    int n = Integer.parseInt(fd.getFileName().toString());
                    if (!INHERITED.containsKey(n) && target.equals(linkOrEmpty(fd))) {
                        INHERITED.put(n, in);
                        return n;
                    }
                }
            }
            in.close();
            throw new AssertionError("the fd opened on " + path + " is not in /proc/thread-self/fd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String linkOrEmpty(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    static boolean closeOnExec(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) {
                    return (Integer.parseInt(line.substring("flags:".length()).trim(), 8) & O_CLOEXEC) != 0;
                }
            }
            throw new AssertionError("no flags in /proc/thread-self/fdinfo/" + fd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void closeInherited(int fd) {
        InputStream in = INHERITED.remove(fd);
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

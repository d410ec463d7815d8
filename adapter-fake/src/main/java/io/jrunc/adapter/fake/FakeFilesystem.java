package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fake kernel's files: absolute paths to what is there, and the caller's working directory, with the
 * errnos the kernel gives. Paths are the host's: pivot_root moves only the root that program lookups
 * (execve, isExecutable) and file reads (readFile) resolve under, as those are the only container paths the
 * init reads.
 */
final class FakeFilesystem {
    enum Kind { DIRECTORY, FILE, EXECUTABLE, FIFO, DEVICE, SYMLINK, SOCKET }

    /** {@code target}: a link's text, or a regular file's content. */
    record Node(Kind kind, String target) {
    }

    /** Sorted, so that a directory's descendants follow it and prefix scans stay simple. */
    private final Map<String, Node> nodes = new TreeMap<>();
    private String cwd = "/";

    FakeFilesystem() {
        nodes.put("/", new Node(Kind.DIRECTORY, ""));
    }

    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The absolute form of {@code path} for the caller: relative paths start at the working directory. */
    synchronized String absolute(String path) {
        return normalize(path.startsWith("/") ? path : cwd + "/" + path);
    }

    /** {@code path} as a process whose root is {@code root} sees it. */
    String underRoot(String root, String path) {
        return root.equals("/") ? absolute(path) : normalize(root + "/" + absolute(path));
    }

    synchronized Optional<Node> node(String path) {
        return Optional.ofNullable(nodes.get(absolute(path)));
    }

    synchronized boolean exists(String path) {
        return nodes.containsKey(absolute(path));
    }

    synchronized boolean is(String path, Kind kind) {
        Node n = nodes.get(absolute(path));
        return n != null && n.kind() == kind;
    }

    synchronized void mkdirs(String path) {
        String p = absolute(path);
        Deque<String> missing = new ArrayDeque<>();
        while (!nodes.containsKey(p)) {
            missing.push(p);
            p = parent(p);
        }
        if (nodes.get(p).kind() != Kind.DIRECTORY) {
            throw new SyscallException("mkdir", Errno.ENOTDIR, path);
        }
        missing.forEach(m -> nodes.put(m, new Node(Kind.DIRECTORY, "")));
    }

    /** Creates a node whose parent must be a directory; EEXIST when something is there. */
    synchronized void create(String syscall, String path, Kind kind, String target) {
        String p = absolute(path);
        if (nodes.containsKey(p)) {
            throw new SyscallException(syscall, Errno.EEXIST, path);
        }
        Node parent = nodes.get(parent(p));
        if (parent == null) {
            throw new SyscallException(syscall, Errno.ENOENT, path);
        }
        if (parent.kind() != Kind.DIRECTORY) {
            throw new SyscallException(syscall, Errno.ENOTDIR, path);
        }
        nodes.put(p, new Node(kind, target));
    }

    /** Seeds a node and its parent directories, replacing what was there: a test's setup, not a syscall. */
    synchronized void seed(String path, Kind kind) {
        seed(path, kind, "");
    }

    synchronized void seed(String path, Kind kind, String target) {
        String p = absolute(path);
        mkdirs(parent(p));
        nodes.put(p, new Node(kind, target));
    }

    synchronized void chdir(String path) {
        Node n = nodes.get(absolute(path));
        if (n == null) {
            throw new SyscallException("chdir", Errno.ENOENT, path);
        }
        if (n.kind() != Kind.DIRECTORY) {
            throw new SyscallException("chdir", Errno.ENOTDIR, path);
        }
        cwd = absolute(path);
    }

    synchronized String cwd() {
        return cwd;
    }

    /** unlink or rmdir: nothing to do when nothing is there, ENOTEMPTY for a directory with entries. */
    synchronized boolean remove(String path) {
        String p = absolute(path);
        if (!nodes.containsKey(p)) {
            return false;
        }
        String prefix = p.equals("/") ? "/" : p + "/";
        if (nodes.keySet().stream().anyMatch(k -> !k.equals(p) && k.startsWith(prefix))) {
            throw new SyscallException("rmdir", Errno.ENOTEMPTY, path);
        }
        nodes.remove(p);
        return true;
    }

    /**
     * rm -rf that enters none of {@code mountPoints}: they, what is in them and the directories that lead to
     * them stay.
     */
    synchronized void removeTreeExcept(String path, java.util.List<String> mountPoints) {
        String p = absolute(path);
        String prefix = p.equals("/") ? "/" : p + "/";
        nodes.keySet().removeIf(k -> (k.equals(p) || k.startsWith(prefix))
                && mountPoints.stream().noneMatch(m -> k.equals(m) || k.startsWith(m + "/") || m.startsWith(k + "/")));
    }

    synchronized void removeTree(String path) {
        String p = absolute(path);
        String prefix = p.equals("/") ? "/" : p + "/";
        nodes.keySet().removeIf(k -> k.equals(p) || k.startsWith(prefix));
        nodes.putIfAbsent("/", new Node(Kind.DIRECTORY, ""));
    }
}

package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** The fake kernel's files: a map of absolute paths to what is there, with the kernel's errnos. */
final class FakeTree {
    enum Kind { DIRECTORY, FILE, EXECUTABLE, FIFO, DEVICE, SYMLINK }

    record Node(Kind kind, String target) {
    }

    private final Map<String, Node> nodes = new TreeMap<>();

    FakeTree() {
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

    synchronized Node get(String path) {
        return nodes.get(path);
    }

    synchronized boolean exists(String path) {
        return nodes.containsKey(path);
    }

    synchronized void mkdirs(String path) {
        String p = path;
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
        if (nodes.containsKey(path)) {
            throw new SyscallException(syscall, Errno.EEXIST, path);
        }
        Node parent = nodes.get(parent(path));
        if (parent == null) {
            throw new SyscallException(syscall, Errno.ENOENT, path);
        }
        if (parent.kind() != Kind.DIRECTORY) {
            throw new SyscallException(syscall, Errno.ENOTDIR, path);
        }
        nodes.put(path, new Node(kind, target));
    }

    /** Seeds a node and its parent directories. */
    synchronized void put(String path, Kind kind) {
        mkdirs(parent(path));
        nodes.put(path, new Node(kind, ""));
    }

    synchronized void remove(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        boolean hasChildren = nodes.keySet().stream().anyMatch(k -> k.startsWith(prefix));
        if (hasChildren) {
            throw new SyscallException("rmdir", Errno.ENOTEMPTY, path);
        }
        nodes.remove(path);
    }

    synchronized void removeTree(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        nodes.keySet().removeIf(k -> k.equals(path) || k.startsWith(prefix));
        nodes.putIfAbsent("/", new Node(Kind.DIRECTORY, ""));
    }
}

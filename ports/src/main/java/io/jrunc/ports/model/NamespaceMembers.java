package io.jrunc.ports.model;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which processes share a namespace, read from /proc the same way whatever the backend: plain file
 * reads that need no native call, so both native adapters answer {@code Processes.sharingNamespace} here.
 */
public final class NamespaceMembers {
    private NamespaceMembers() {
    }

    public static List<Integer> of(int pid, Namespace type) {
        return of(Path.of("/proc"), pid, type);
    }

    static List<Integer> of(Path proc, int pid, Namespace type) {
        Path target;
        try {
            target = Files.readSymbolicLink(proc.resolve(pid + "/ns/" + type.procName()));
        } catch (IOException e) {
            return List.of();
        }
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                try {
                    if (Files.readSymbolicLink(entry.resolve("ns/" + type.procName())).equals(target)) {
                        pids.add(Integer.parseInt(entry.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // Gone meanwhile, or a kernel thread: not a member.
                }
            }
        } catch (IOException e) {
            throw new SyscallException("opendir", Errno.EIO, proc.toString());
        }
        Collections.sort(pids);
        return pids;
    }
}

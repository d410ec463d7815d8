package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** args[0] found as Go's exec.LookPath finds it in runc's init, and its failures in runc 1.1's words. */
class ExecutableLookupTest {
    private final List<String> asked = new ArrayList<>();

    /** The init's answers: what each path gives, executable when not listed among the errors. */
    private Consumer<String> init(Map<String, Errno> errors, List<String> executables) {
        return path -> {
            asked.add(path);
            if (errors.containsKey(path)) {
                throw new SyscallException("access", errors.get(path), path);
            }
            if (!executables.contains(path)) {
                throw new SyscallException("access", Errno.ENOENT, path);
            }
        };
    }

    private String refusal(String name, Consumer<String> init) {
        return assertThrows(SyscallException.class, () -> ExecutableLookup.resolve(name, List.of("PATH=/a:/b"), init))
                .getMessage();
    }

    @Test
    void aNameIsLookedForOnPathInOrder() {
        assertEquals("/b/sh", ExecutableLookup.resolve("sh", List.of("PATH=/a:/b"), init(Map.of(), List.of("/b/sh"))));
        assertEquals(List.of("/a/sh", "/b/sh"), asked);
    }

    @Test
    void aNameOnNoPathEntryIsNotFound_whateverEachEntrySaid() {
        assertEquals("exec: \"sh\": executable file not found in $PATH",
                refusal("sh", init(Map.of("/a/sh", Errno.EACCES), List.of())));
    }

    @Test
    void withoutPathRuncsDefaultIsSearched() {
        ExecutableLookup.resolve("sh", List.of("A=1"), init(Map.of(), List.of("/bin/sh")));
        assertEquals(List.of("/usr/local/sbin/sh", "/usr/local/bin/sh", "/usr/sbin/sh", "/usr/bin/sh", "/sbin/sh",
                "/bin/sh"), asked);
    }

    @Test
    void aPathIsCheckedAsItIs_andItsFailureNamesTheStat() {
        assertEquals("/x/run", ExecutableLookup.resolve("/x/run", List.of(), init(Map.of(), List.of("/x/run"))));
        assertEquals("exec: \"/nonexistent\": stat /nonexistent: no such file or directory",
                refusal("/nonexistent", init(Map.of(), List.of())));
        assertEquals("exec: \"/bin/sh/x\": stat /bin/sh/x: not a directory",
                refusal("/bin/sh/x", init(Map.of("/bin/sh/x", Errno.ENOTDIR), List.of())));
        assertEquals("exec: \"./run\": permission denied", refusal("./run", init(Map.of("./run", Errno.EACCES), List.of())));
        assertEquals("exec: \"/etc\": permission denied", refusal("/etc", init(Map.of("/etc", Errno.EISDIR), List.of())));
    }

    @Test
    void anInitThatIsGoneIsNoAnswerAboutTheFile() {
        SyscallException e = assertThrows(SyscallException.class, () -> ExecutableLookup.resolve("sh",
                List.of("PATH=/a:/b"), init(Map.of("/a/sh", Errno.EPIPE), List.of("/b/sh"))));
        assertEquals(Errno.EPIPE, e.errno());
        assertEquals(List.of("/a/sh"), asked);
    }
}

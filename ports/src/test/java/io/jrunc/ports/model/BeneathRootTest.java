package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The steps on a kernel without openat2, and the paths they take relative to a root. */
class BeneathRootTest {
    /** A kernel before 5.6: every openat2 is ENOSYS; it records what is asked of it. */
    static final class OldKernel implements BeneathRoot.Calls {
        final List<String> calls = new ArrayList<>();

        @Override
        public int openPath(String path) {
            calls.add("open " + path);
            return 3;
        }

        @Override
        public int openBeneath(int rootFd, String relative, long[] how) {
            calls.add("openat2 " + relative);
            throw new SyscallException("openat2", Errno.ENOSYS, relative);
        }

        @Override
        public void mount(MountRequest request, String target) {
            calls.add("mount " + target);
        }

        @Override
        public void mkdirat(int dirFd, String name, int mode) {
            calls.add("mkdirat " + name);
        }

        @Override
        public void close(int fd) {
            calls.add("close " + fd);
        }

        @Override
        public long filesystemType(int fd) {
            throw new AssertionError("a kernel without openat2 gets the mount by path: nothing is opened to stat");
        }
    }

    @Test
    void withoutOpenat2TheMountGoesByPathAndTheRootIsClosed() {
        OldKernel kernel = new OldKernel();
        BeneathRoot.mount("/r", MountRequest.of("tmpfs", "/r/a/b", "tmpfs", Set.of(), ""), kernel);

        assertEquals(List.of("open /r", "openat2 a/b", "mount /r/a/b", "close 3"), kernel.calls);
    }

    @Test
    void withoutOpenat2MkdirsAndTouchGiveWayToTheirPathCallsBeforeMakingAnything() {
        OldKernel kernel = new OldKernel();
        List<String> byPath = new ArrayList<>();
        BeneathRoot.mkdirs("/r", "/r/a/b", 0755, kernel, () -> byPath.add("mkdirs"));
        BeneathRoot.touch("/r", "/r/a/f", 0644, kernel, () -> byPath.add("touch"));

        assertEquals(List.of("mkdirs", "touch"), byPath);
        assertEquals(0, kernel.calls.stream().filter(c -> c.startsWith("mkdirat")).count(), kernel.calls.toString());
        assertEquals(kernel.calls.stream().filter(c -> c.startsWith("open ")).count(),
                kernel.calls.stream().filter(c -> c.startsWith("close")).count(), "every fd opened is closed");
    }

    @Test
    void withoutOpenat2ATouchRightUnderTheRootGivesWayToo() {
        OldKernel kernel = new OldKernel();
        List<String> byPath = new ArrayList<>();
        BeneathRoot.touch("/r", "/r/f", 0644, kernel, () -> byPath.add("touch"));

        assertEquals(List.of("touch"), byPath);
        assertEquals(List.of("open /r", "openat2 f", "close 3"), kernel.calls);
    }

    @Test
    void targetsAreTakenRelativeToTheRootAndOthersRefused() {
        assertEquals("a/b", BeneathRoot.relative("/r", "/r/a/b"));
        assertEquals("a", BeneathRoot.relative("/r/", "/r/a"));
        assertEquals(".", BeneathRoot.relative("/r", "/r"));
        assertThrows(IllegalArgumentException.class, () -> BeneathRoot.relative("/r", "/rx/a"));
        assertThrows(IllegalArgumentException.class, () -> BeneathRoot.relative("/r", "/etc"));
    }
}

package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

class RootPathsTest {
    private final FakeKernel fs = new FakeKernel();

    @Test
    void dotDotNeverClimbsAboveTheRoot() {
        assertEquals("/r/etc/passwd", RootPaths.resolve(fs, "/r", "/../../etc/passwd"));
        assertEquals("/r/b", RootPaths.resolve(fs, "/r/", "a/../../b"));
        assertEquals("/r", RootPaths.resolve(fs, "/r", "/.."));
    }

    @Test
    void joinsPlainPathsAsIs() {
        assertEquals("/r/dev/pts", RootPaths.resolve(fs, "/r", "/dev//pts/"));
    }

    @Test
    void anAbsoluteLinkInTheImageStartsAgainAtTheRootNotAtTheHostsRoot() {
        fs.mkdirs("/r", 0755);
        fs.symlink("/etc", "/r/data");

        assertEquals("/r/etc/x", RootPaths.resolve(fs, "/r", "/data/x"));
        assertEquals("/r/etc", RootPaths.resolve(fs, "/r/", "/data"));
    }

    @Test
    void aRelativeLinkClimbsNoHigherThanTheRoot() {
        fs.mkdirs("/r/a", 0755);
        fs.symlink("../../../../..", "/r/a/up");

        assertEquals("/r/etc/shadow", RootPaths.resolve(fs, "/r", "/a/up/etc/shadow"));
    }

    @Test
    void linksChainAndDotDotAppliesToWhereALinkLed() {
        fs.mkdirs("/r/x/y", 0755);
        fs.symlink("/x/y", "/r/l");
        fs.symlink("l", "/r/m");

        assertEquals("/r/x/z", RootPaths.resolve(fs, "/r", "/m/../z"));
    }

    @Test
    void whatIsNotThereYetIsTakenAsItIs() {
        fs.mkdirs("/r", 0755);

        assertEquals("/r/nope/a", RootPaths.resolve(fs, "/r", "nope/./a/"));
        assertEquals("/r", RootPaths.resolve(fs, "/r", "/"));
    }

    @Test
    void aLinkLoopIsEloop() {
        fs.mkdirs("/r", 0755);
        fs.symlink("/b", "/r/a");
        fs.symlink("/a", "/r/b");

        var e = assertThrows(SyscallException.class, () -> RootPaths.resolve(fs, "/r", "/a/x"));
        assertEquals(Errno.ELOOP, e.errno());
    }
}

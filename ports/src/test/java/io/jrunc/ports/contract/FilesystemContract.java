package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.Filesystem;
import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.Errno;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Filesystem port, in a scratch directory: what is made, and the errno of what is refused. */
public abstract class FilesystemContract extends PortContract {
    private Filesystem fs() {
        return ports().filesystem();
    }

    @Test
    void mkdirsCreatesEveryMissingDirectoryAndAcceptsWhatIsThere() {
        fs().mkdirs(path("a/b/c"), 0700);
        fs().mkdirs(path("a/b/c"), 0700);

        assertTrue(fs().isDirectory(path("a")));
        assertTrue(fs().isDirectory(path("a/b/c")));
    }

    @Test
    void mkdirsWithATrailingSlashMakesTheDirectoryBelowOneThatIsThere() {
        fs().mkdirs(path("p"), 0755);
        fs().mkdirs(path("p/q/r") + "/", 0755);

        assertTrue(fs().isDirectory(path("p/q/r")));
    }

    @Test
    void mkdirsOverADanglingSymlinkIsEEXIST() {
        fs().symlink(path("nothing"), path("dangling"));

        assertErrno(Errno.EEXIST, () -> fs().mkdirs(path("dangling"), 0755));
    }

    @Test
    void mkdirsBeneathMakesWhatIsMissingUnderTheRootAndAcceptsWhatIsThere() {
        fs().mkdirs(path("root/a"), 0755);
        fs().mkdirsBeneath(path("root"), path("root/a/b/c"), 0700);
        fs().mkdirsBeneath(path("root"), path("root/a/b/c"), 0700);
        fs().mkdirsBeneath(path("root"), path("root"), 0700);

        assertTrue(fs().isDirectory(path("root/a/b/c")));
    }

    @Test
    void mkdirsBeneathOverAFileIsEEXISTAndThroughOneENOTDIR() {
        fs().mkdirs(path("root"), 0755);
        fs().touch(path("root/file"), 0644);

        assertErrno(Errno.EEXIST, () -> fs().mkdirsBeneath(path("root"), path("root/file"), 0755));
        assertErrno(Errno.ENOTDIR, () -> fs().mkdirsBeneath(path("root"), path("root/file/x"), 0755));
    }

    @Test
    void touchBeneathMakesAnEmptyFileOnceAndADirectoryThereIsEISDIR() {
        fs().mkdirs(path("root/d"), 0755);
        fs().touchBeneath(path("root"), path("root/f"), 0644);
        fs().touchBeneath(path("root"), path("root/f"), 0644);

        assertTrue(fs().exists(path("root/f")));
        assertFalse(fs().isDirectory(path("root/f")));
        assertErrno(Errno.EISDIR, () -> fs().touchBeneath(path("root"), path("root/d"), 0644));
    }

    @Test
    void mkdirsOverARegularFileIsEEXIST() {
        fs().touch(path("file"), 0644);

        assertErrno(Errno.EEXIST, () -> fs().mkdirs(path("file"), 0755));
    }

    @Test
    void mkdirsThroughARegularFileIsENOTDIR() {
        fs().touch(path("file"), 0644);

        assertErrno(Errno.ENOTDIR, () -> fs().mkdirs(path("file/x/y"), 0755));
    }

    @Test
    void touchCreatesAFileOnceAndLeavesItThere() {
        fs().touch(path("f"), 0644);
        fs().touch(path("f"), 0644);

        assertTrue(fs().exists(path("f")));
        assertFalse(fs().isDirectory(path("f")));
    }

    @Test
    void touchOfAFifoThatIsThereLeavesItAsItIs_withoutOpeningIt() {
        fs().mkfifo(path("fifo"), 0600);

        fs().touch(path("fifo"), 0644); // an open would wait here for a writer

        assertTrue(fs().exists(path("fifo")));
    }

    @Test
    void touchOfADirectoryIsEISDIR() {
        fs().mkdirs(path("d"), 0755);

        assertErrno(Errno.EISDIR, () -> fs().touch(path("d"), 0644));
    }

    @Test
    void touchInAMissingDirectoryIsENOENT() {
        assertErrno(Errno.ENOENT, () -> fs().touch(path("missing/f"), 0644));
    }

    @Test
    void aSymlinkIsThereEvenDangling_andIsNoDirectory() {
        fs().symlink(path("nothing"), path("dangling"));

        assertTrue(fs().exists(path("dangling")));
        assertFalse(fs().isDirectory(path("dangling")));
        assertFalse(fs().exists(path("nothing")));
    }

    @Test
    void readlinkGivesALinksTextAndNothingForWhatIsNoLink() {
        fs().symlink("../somewhere/else", path("link"));
        fs().touch(path("file"), 0644);
        fs().mkdirs(path("dir"), 0755);

        assertEquals(java.util.Optional.of("../somewhere/else"), fs().readlink(path("link")));
        assertEquals(java.util.Optional.empty(), fs().readlink(path("file")));
        assertEquals(java.util.Optional.empty(), fs().readlink(path("dir")));
        assertEquals(java.util.Optional.empty(), fs().readlink(path("missing")));
    }

    @Test
    void readFileGivesARegularFilesContentAndNothingForWhatIsNoRegularFile() {
        ports().seedFile(path("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        fs().mkdirs(path("dir"), 0755);
        fs().mkfifo(path("fifo"), 0600);

        assertEquals("root:x:0:0:root:/root:/bin/sh\n",
                new String(fs().readFile(path("passwd"), 100).orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(java.util.Optional.empty(), fs().readFile(path("missing"), 100));
        assertEquals(java.util.Optional.empty(), fs().readFile(path("passwd/below"), 100));
        assertEquals(java.util.Optional.empty(), fs().readFile(path("dir"), 100));
        assertEquals(java.util.Optional.empty(), fs().readFile(path("fifo"), 100), "a fifo is not opened");
    }

    @Test
    void readFileOfMoreThanItsLimitIsEFBIG() {
        ports().seedFile(path("big"), "x".repeat(101));

        assertEquals(101, fs().readFile(path("big"), 101).orElseThrow().length);
        assertErrno(Errno.EFBIG, () -> fs().readFile(path("big"), 100));
    }

    @Test
    void aSymlinkOverSomethingIsEEXIST() {
        fs().touch(path("taken"), 0644);

        assertErrno(Errno.EEXIST, () -> fs().symlink("/", path("taken")));
    }

    @Test
    void removeTakesALinkNotItsTarget_andFilesAndEmptyDirectories_andIgnoresWhatIsMissing() {
        fs().touch(path("target"), 0644);
        fs().symlink(path("target"), path("link"));
        fs().mkdirs(path("empty"), 0755);

        fs().remove(path("link"));
        fs().remove(path("empty"));
        fs().remove(path("never"));

        assertFalse(fs().exists(path("link")));
        assertFalse(fs().exists(path("empty")));
        assertTrue(fs().exists(path("target")));
    }

    @Test
    void removeOfANonEmptyDirectoryIsENOTEMPTY() {
        fs().mkdirs(path("full"), 0755);
        fs().touch(path("full/f"), 0644);

        assertErrno(Errno.ENOTEMPTY, () -> fs().remove(path("full")));
    }

    @Test
    void removeTreeTakesEverythingBelowWithoutFollowingLinks_andAgainIsNoError() {
        fs().mkdirs(path("outside"), 0755);
        fs().touch(path("outside/precious"), 0644);
        fs().mkdirs(path("tree/a/b"), 0755);
        fs().touch(path("tree/a/b/file"), 0644);
        fs().symlink(path("outside"), path("tree/a/link"));
        fs().mkfifo(path("tree/fifo"), 0600);

        fs().removeTree(path("tree"));
        fs().removeTree(path("tree"));

        assertFalse(fs().exists(path("tree")));
        assertTrue(fs().exists(path("outside/precious")));
    }

    @Test
    void isExecutableOnlyForARegularFileWithAnExecuteBit() {
        fs().touch(path("script"), 0755);
        fs().touch(path("plain"), 0644);

        assertTrue(fs().isExecutable(path("script")));
        assertFalse(fs().isExecutable(path("plain")));
        assertFalse(fs().isExecutable(dir));
        assertFalse(fs().isExecutable(path("missing")));
    }

    @Test
    void chdirToAMissingDirectoryIsENOENT_sayingWhere() {
        var e = assertErrno(Errno.ENOENT, () -> fs().chdir(path("missing")));

        assertEquals("chdir " + path("missing") + ": no such file or directory", e.getMessage());
    }

    @Test
    void chdirToAFileIsENOTDIR() {
        fs().touch(path("f"), 0644);

        assertErrno(Errno.ENOTDIR, () -> fs().chdir(path("f")));
    }

    @Test
    void chownOfAMissingPathIsENOENT() {
        assertErrno(Errno.ENOENT, () -> fs().chown(path("missing"), 0, 0));
    }

    @Test
    void aFifoHandsWhatIsWrittenToItsReader() throws Exception {
        fs().mkfifo(path("exec.fifo"), 0600);
        byte[] message = "0".getBytes(StandardCharsets.UTF_8);
        // threads of their own: the common pool may have a single worker, which a blocked open would hold
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> fs().readFifo(path("exec.fifo")), threads);
            fs().writeFifo(path("exec.fifo"), message);

            assertArrayEquals(message, read.get(10, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void mkfifoOverSomethingIsEEXIST_andInAMissingDirectoryENOENT() {
        fs().touch(path("taken"), 0644);

        assertErrno(Errno.EEXIST, () -> fs().mkfifo(path("taken"), 0600));
        assertErrno(Errno.ENOENT, () -> fs().mkfifo(path("missing/fifo"), 0600));
    }

    @Test
    void readFifoOfAMissingPathIsENOENT() {
        assertErrno(Errno.ENOENT, () -> fs().readFifo(path("missing")));
    }

    @Test
    void mknodMakesADevice_andOverSomethingIsEEXIST() {
        assumePrivileged();
        fs().mknod(new DeviceNode(path("null"), 'c', 0666, 1, 3, 0, 0));
        fs().mknod(new DeviceNode(path("loop"), 'b', 0660, 7, 300, 0, 0));
        fs().mknod(new DeviceNode(path("big"), 'c', 0600, 300, 70000, 0, 0));
        fs().mknod(new DeviceNode(path("fifo"), 'p', 0600, 0, 0, 0, 0));

        assertEquals("c 1:3", ports().deviceNode(path("null")));
        assertEquals("b 7:300", ports().deviceNode(path("loop")), "a minor above 255 takes the high bits");
        assertEquals("c 300:70000", ports().deviceNode(path("big")), "a major above 255 too");
        assertEquals("p 0:0", ports().deviceNode(path("fifo")));
        assertFalse(fs().isDirectory(path("null")));
        assertErrno(Errno.EEXIST, () -> fs().mknod(new DeviceNode(path("null"), 'c', 0666, 1, 3, 0, 0)));
    }

    @Test
    void chownOfAFileThatIsThere() {
        assumePrivileged();
        fs().touch(path("f"), 0644);

        fs().chown(path("f"), 1000, 1001);
        assertEquals(java.util.List.of(1000, 1001), ports().owner(path("f")));
        fs().chown(path("f"), -1, 1002);
        assertEquals(java.util.List.of(1000, 1002), ports().owner(path("f")), "-1 keeps the uid");
    }

    /** The exec fifo's reader opens what is there: a regular file is read through, on the kernel and the fake. */
    @Test
    void readFifoOfARegularFileReadsItsContent() {
        ports().seedFile(path("plain"), "0");

        assertArrayEquals("0".getBytes(StandardCharsets.UTF_8), fs().readFifo(path("plain")));
    }
}

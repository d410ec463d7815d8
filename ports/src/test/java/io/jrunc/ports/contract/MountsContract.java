package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.IdmappedBind;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Namespace;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mount, umount2, pivot_root and chroot, each in a mount namespace of its own (root on a real kernel). */
public abstract class MountsContract extends PortContract {
    private Mounts mounts() {
        return ports().mounts();
    }

    private Filesystem fs() {
        return ports().filesystem();
    }

    @BeforeEach
    void needsPrivilege() {
        assumePrivileged();
    }

    private <T> T inOwnMountNamespace(java.util.function.Supplier<T> work) {
        return ports().isolated(Set.of(Namespace.MOUNT), work);
    }

    private MountRequest tmpfs(String target) {
        return MountRequest.of("jrunc-contract", target, "tmpfs", Set.of(MountFlag.MS_NOSUID), "size=1m");
    }

    @Test
    void aTmpfsMountsAndUnmounts_andASecondUnmountIsEINVAL() {
        fs().mkdirs(path("m"), 0755);

        Errno second = inOwnMountNamespace(() -> {
            mounts().mount(tmpfs(path("m")));
            fs().mkdirs(path("m/inside"), 0755);
            mounts().unmount(path("m"), false);
            return assertErrno(Errno.EINVAL, () -> mounts().unmount(path("m"), true)).errno();
        });

        assertEquals(Errno.EINVAL, second);
    }

    @Test
    void aMountOnAMissingTargetIsENOENT_sayingWhatWasMountedLikeRunc() {
        String message = inOwnMountNamespace(() ->
                assertErrno(Errno.ENOENT, () -> mounts().mount(MountRequest.of("jrunc-none", path("missing"), "tmpfs",
                        Set.of(), ""))).getMessage());

        assertEquals("mount src=jrunc-none, dst=" + path("missing") + ", type=tmpfs, flags=0: no such file or directory",
                message);
    }

    @Test
    void aBindMountOfAMissingSourceIsENOENT() {
        fs().mkdirs(path("target"), 0755);

        inOwnMountNamespace(() -> assertErrno(Errno.ENOENT, () -> mounts().mount(
                MountRequest.of(path("missing"), path("target"), "", Set.of(MountFlag.MS_BIND), ""))));
    }

    @Test
    void aBindMountAndAPropagationChange() {
        fs().mkdirs(path("source"), 0755);
        fs().mkdirs(path("target"), 0755);

        fs().mkdirs(path("source/inside"), 0755);

        java.util.List<Object> seen = inOwnMountNamespace(() -> {
            String before = mounts().mountOf(path("target")).orElseThrow().mountPoint();
            mounts().mount(MountRequest.of(path("source"), path("target"), "", Set.of(MountFlag.MS_BIND), ""));
            mounts().mount(MountRequest.propagation(path("target"), Set.of(MountFlag.MS_SHARED)));
            String bound = mounts().mountOf(path("target/inside")).orElseThrow().mountPoint();
            boolean shared = mounts().mountOf(path("target")).orElseThrow().shared();
            mounts().mount(MountRequest.propagation(path("target"), Set.of(MountFlag.MS_PRIVATE)));
            boolean sharedAfter = mounts().mountOf(path("target")).orElseThrow().shared();
            mounts().unmount(path("target"), true);
            String after = mounts().mountOf(path("target")).orElseThrow().mountPoint();
            return java.util.List.of(before.equals(path("target")), bound, shared, sharedAfter, after.equals(before));
        });

        assertEquals(java.util.List.of(false, path("target"), true, false, true), seen,
                "the bind is a mount point of its own whose propagation reads back, and unmounted it is gone");
    }

    @Test
    void unmountingWhatIsNoMountPointIsEINVAL_andAMissingPathENOENT() {
        fs().mkdirs(path("plain"), 0755);

        inOwnMountNamespace(() -> {
            assertErrno(Errno.EINVAL, () -> mounts().unmount(path("plain"), false));
            return assertErrno(Errno.ENOENT, () -> mounts().unmount(path("missing"), true));
        });
    }

    @Test
    void pivotRootIntoAMountPoint() {
        fs().mkdirs(path("new"), 0755);

        String marker = inOwnMountNamespace(() -> {
            mounts().mount(tmpfs(path("new")));
            fs().mkdirs(path("new/old"), 0755);
            ports().seedFile(path("new/marker"), "the new root");
            // read once before: what the read needs is loaded while the JVM's class path is still reachable
            fs().readFile(path("new/marker"), 100).orElseThrow();
            mounts().pivotRoot(path("new"), path("new/old"));
            // "/" is now the tmpfs: its file is at the top, as the init's own reads (the passwd lookup) see it
            return new String(fs().readFile("/marker", 100).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        });

        assertEquals("the new root", marker);
    }

    @Test
    void pivotRootToADirectoryThatIsNoMountPointIsEINVAL_andToAMissingOneENOENT() {
        fs().mkdirs(path("t"), 0755);

        inOwnMountNamespace(() -> {
            // on a mount of its own: one on the root's file system is EBUSY first
            mounts().mount(tmpfs(path("t")));
            fs().mkdirs(path("t/plain/old"), 0755);
            assertErrno(Errno.EINVAL, () -> mounts().pivotRoot(path("t/plain"), path("t/plain/old")));
            return assertErrno(Errno.ENOENT, () -> mounts().pivotRoot(path("t/missing"), path("t/missing/old")));
        });
    }

    @Test
    void aPathIsOnTheMountMadeAtItsDirectory_sharedAsItsPropagationSays() {
        fs().mkdirs(path("m"), 0755);

        java.util.List<Object> seen = inOwnMountNamespace(() -> {
            mounts().mount(tmpfs(path("m")));
            fs().mkdirs(path("m/inner"), 0755);
            var mount = mounts().mountOf(path("m/inner")).orElseThrow();
            mounts().mount(MountRequest.propagation(path("m"), Set.of(MountFlag.MS_SHARED)));
            boolean shared = mounts().mountOf(path("m/inner")).orElseThrow().shared();
            mounts().mount(MountRequest.propagation(path("m"), Set.of(MountFlag.MS_PRIVATE)));
            boolean privateAgain = mounts().mountOf(path("m")).orElseThrow().shared();
            return java.util.List.of(mount.mountPoint(), mount.fstype(), mount.shared(), shared, privateAgain);
        });

        assertEquals(java.util.List.of(path("m"), "tmpfs", false, true, false), seen);
    }

    /** rootfsPropagation "shared" makes every mount so; runc makes the new root's parent private first for this. */
    @Test
    void pivotRootUnderASharedParentMountIsEINVAL() {
        fs().mkdirs(path("p"), 0755);

        inOwnMountNamespace(() -> {
            mounts().mount(tmpfs(path("p")));
            mounts().mount(MountRequest.propagation(path("p"), Set.of(MountFlag.MS_SHARED)));
            fs().mkdirs(path("p/new/old"), 0755);
            mounts().mount(tmpfs(path("p/new")));
            mounts().mount(MountRequest.propagation(path("p/new"), Set.of(MountFlag.MS_PRIVATE)));
            fs().mkdirs(path("p/new/old"), 0755);
            return assertErrno(Errno.EINVAL, () -> mounts().pivotRoot(path("p/new"), path("p/new/old")));
        });
    }

    @Test
    void removeTreeEntersNoMountPoint_removesTheRest_andSaysEBUSYNamingIt() {
        fs().mkdirs(path("tree/sub/m"), 0755);
        fs().touch(path("tree/sub/file"), 0644);

        String left = inOwnMountNamespace(() -> {
            mounts().mount(tmpfs(path("tree/sub/m")));
            try {
                fs().touch(path("tree/sub/m/kept"), 0644);
                var e = assertErrno(Errno.EBUSY, () -> fs().removeTree(path("tree")));
                return e.detail() + " " + fs().exists(path("tree/sub/m/kept")) + " " + fs().exists(path("tree/sub/file"));
            } finally {
                mounts().unmount(path("tree/sub/m"), true);
            }
        });

        assertEquals(path("tree/sub/m") + " true false", left);
        fs().removeTree(path("tree"));
        assertEquals(false, fs().exists(path("tree")));
    }

    @Test
    void chrootToAMissingPathIsENOENT_andToAFileENOTDIR() {
        fs().touch(path("file"), 0644);

        inOwnMountNamespace(() -> {
            assertErrno(Errno.ENOENT, () -> mounts().chroot(path("missing")));
            return assertErrno(Errno.ENOTDIR, () -> mounts().chroot(path("file")));
        });
    }

    /**
     * An id-mapped bind takes a user namespace other than the host's own: the host's is EPERM (the kernel keeps it
     * for "not id-mapped"), an fd of another kind of namespace EINVAL. Nothing is mounted either way.
     */
    @Test
    void anIdMappedBindRefusesTheHostsUserNamespaceAndANamespaceOfAnotherKind() {
        fs().mkdirs(path("source"), 0755);
        fs().mkdirs(path("root/target"), 0755);
        int hostUserns = ports().namespaces().openNamespace("/proc/self/ns/user");
        int uts = ports().namespaces().openNamespace("/proc/self/ns/uts");
        try {
            java.util.List<Object> seen = inOwnMountNamespace(() -> {
                String before = mounts().mountOf(path("root/target")).orElseThrow().mountPoint();
                SyscallException host = assertErrno(Errno.EPERM, () -> mounts().bindIdmapped(path("root"),
                        new IdmappedBind(path("source"), path("root/target"), false, false, hostUserns)));
                assertErrno(Errno.EINVAL, () -> mounts().bindIdmapped(path("root"),
                        new IdmappedBind(path("source"), path("root/target"), true, true, uts)));
                return java.util.List.of(host.syscall(), before, mounts().mountOf(path("root/target")).orElseThrow()
                        .mountPoint());
            });
            assertEquals("mount_setattr", seen.get(0));
            assertEquals(seen.get(1), seen.get(2), "nothing was mounted on the target");
        } finally {
            ports().fileDescriptors().close(hostUserns);
            ports().fileDescriptors().close(uts);
        }
    }
}

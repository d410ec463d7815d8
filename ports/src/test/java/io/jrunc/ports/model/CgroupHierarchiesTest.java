package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupHierarchiesTest {
    @Test
    void onAHybridHostTheV1ControllersAndTheUnifiedOneAsEmpty() {
        CgroupHierarchies hybrid = CgroupHierarchies.of(MountInfo.parse("""
                31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
                32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct
                35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
                41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                """));
        assertEquals(List.of("cpu,cpuacct", "memory", ""), hybrid.names());
        assertEquals("/sys/fs/cgroup/unified", hybrid.mountPoint(""));
        assertEquals("/sys/fs/cgroup/memory", hybrid.mountPoint("memory"));
        assertEquals("/sys/fs/cgroup/unified/a/b", hybrid.directory("", "/a/b"));
        assertEquals("/sys/fs/cgroup/memory", hybrid.directory("memory", "/"));
    }

    @Test
    void inMountinfosOrder() {
        CgroupHierarchies hybrid = CgroupHierarchies.of(MountInfo.parse(
                "1 0 0:1 / /sys/fs/cgroup ro - tmpfs tmpfs ro\n"
                        + "2 1 0:2 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
                        + "3 1 0:3 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
                        + "4 1 0:4 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"));
        assertEquals(List.of("", "cpu,cpuacct", "memory"), hybrid.names());
    }

    @Test
    void onAPureV2HostTheUnifiedOneIsTheCgroupRoot() {
        CgroupHierarchies unified = CgroupHierarchies.of(MountInfo.parse("30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n"));
        assertEquals(List.of(""), unified.names());
        assertEquals("/sys/fs/cgroup", unified.mountPoint(""));
    }

    @Test
    void aCgroup2MountElsewhereIsNotTheHostsAndNoneIsENOENT() {
        CgroupHierarchies none = CgroupHierarchies.of(MountInfo.parse(
                "30 23 0:26 / /run/other rw - cgroup2 cgroup2 rw\n"
                        + "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"));
        assertEquals(List.of("memory"), none.names());
        assertEquals(Errno.ENOENT, assertThrows(SyscallException.class, () -> none.mountPoint("")).errno());
    }
}

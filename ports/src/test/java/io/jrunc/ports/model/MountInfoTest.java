package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoTest {
    @Test
    void aLineSkipsTheOptionalFieldsAndUnescapesThePath() {
        MountInfo mount = MountInfo.parseLine(
                "36 35 98:0 /mnt1 /mnt/with\\040space rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue");

        assertEquals(new MountInfo("/mnt/with space", "ext3", "rw,errors=continue", true, "rw,noatime"), mount);
    }

    @Test
    void aLineWithoutOptionalFields() {
        assertEquals(new MountInfo("/sys/fs/cgroup", "cgroup2", "rw", false, "rw"),
                MountInfo.parseLine("30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw"));
    }

    @Test
    void aWholeFileSkipsBlankLines() {
        List<MountInfo> mounts = MountInfo.parse("1 0 0:1 / / rw - ext4 /dev/sda1 rw\n\n"
                + "2 1 0:2 / /a\\134b\\011c rw shared:9 - tmpfs tmpfs rw,size=1k\n");

        assertEquals(List.of(new MountInfo("/", "ext4", "rw", false, "rw"),
                new MountInfo("/a\\b\tc", "tmpfs", "rw,size=1k", true, "rw")), mounts);
    }

    @Test
    void theLockedFlagsAreTheMountsOwnOptionsThatAUserNamespaceCannotTakeOff() {
        MountInfo mount = MountInfo.parseLine(
                "40 30 0:5 / /dev rw,nosuid,nodev,noexec,relatime shared:2 - devtmpfs udev rw,size=10k");

        assertEquals(java.util.EnumSet.of(MountFlag.MS_NOSUID, MountFlag.MS_NODEV, MountFlag.MS_NOEXEC,
                MountFlag.MS_RELATIME), mount.lockedFlags());
        assertEquals(java.util.EnumSet.of(MountFlag.MS_RDONLY, MountFlag.MS_NOATIME, MountFlag.MS_NODIRATIME),
                MountInfo.parseLine("1 0 0:1 / /r ro,noatime,nodiratime - ext4 /dev/sda1 rw").lockedFlags());
        assertEquals(java.util.Set.of(), new MountInfo("/", "ext4", "rw").lockedFlags());
    }

    @Test
    void aBackslashNotFollowedByThreeOctalDigitsStaysAsItIs() {
        assertEquals("/a\\09b\\1", MountInfo.unescape("/a\\09b\\1"));
    }

    @Test
    void aLineWithoutTheSeparatorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MountInfo.parseLine("36 35 98:0 /mnt1 /mnt2 rw master:1"));
        assertThrows(IllegalArgumentException.class, () -> MountInfo.parseLine("garbage"));
    }

    @Test
    void aMountInAPeerGroupIsShared_aSlaveOrPrivateOneIsNot() {
        assertEquals(true, MountInfo.parseLine("36 35 98:0 / /a rw shared:1 - ext4 /dev/root rw").shared());
        assertEquals(true, MountInfo.parseLine("36 35 98:0 / /a rw shared:4 master:1 - ext4 /dev/root rw").shared());
        assertEquals(false, MountInfo.parseLine("36 35 98:0 / /a rw master:1 - ext4 /dev/root rw").shared());
        assertEquals(false, MountInfo.parseLine("36 35 98:0 / /a rw - ext4 /dev/root rw").shared());
    }

    @Test
    void thePathIsOnTheTopmostMountOfTheLongestMountPointHoldingIt() {
        List<MountInfo> mounts = MountInfo.parse(String.join("\n",
                "1 0 8:1 / / rw - ext4 /dev/root rw",
                "2 1 0:5 / /run rw shared:2 - tmpfs tmpfs rw",
                "3 2 0:6 / /run/user rw - tmpfs tmpfs rw",
                "4 1 0:7 / /runner rw - tmpfs tmpfs rw",
                "5 2 0:8 / /run rw - tmpfs tmpfs rw,size=1k"));

        assertEquals("rw,size=1k", MountInfo.containing(mounts, "/run/x").orElseThrow().superOptions());
        assertEquals("/run/user", MountInfo.containing(mounts, "/run/user").orElseThrow().mountPoint());
        assertEquals("/runner", MountInfo.containing(mounts, "/runner/a").orElseThrow().mountPoint());
        assertEquals("/", MountInfo.containing(mounts, "/etc").orElseThrow().mountPoint());
        assertEquals(java.util.Optional.empty(), MountInfo.containing(List.of(), "/etc"));
    }
}

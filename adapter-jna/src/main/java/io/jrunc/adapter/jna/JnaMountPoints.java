package io.jrunc.adapter.jna;

import io.jrunc.ports.model.MountInfo;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The mounts of the calling thread's mount namespace, from /proc/thread-self/mountinfo. */
final class JnaMountPoints {
    private static final String MOUNTINFO = "/proc/thread-self/mountinfo";

    private JnaMountPoints() {
    }

    static List<MountInfo> current() {
        return MountInfo.parse(JnaFileIo.readIfExists(MOUNTINFO)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(""));
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.model.DeviceNode;

/** The file type bits and the dev_t encoding of glibc's sys/sysmacros.h for mknod(2). */
final class JnaDevices {
    static final int S_IFIFO = 0010000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;

    private JnaDevices() {
    }

    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    static int mode(DeviceNode node) {
        int type;
        switch (node.type()) {
            case 'c':
                type = S_IFCHR;
                break;
            case 'b':
                type = S_IFBLK;
                break;
            default:
                type = S_IFIFO;
                break;
        }
        return type | (node.mode() & 07777);
    }
}

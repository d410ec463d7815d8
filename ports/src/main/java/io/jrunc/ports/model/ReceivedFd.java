package io.jrunc.ports.model;

/**
 * What one recvmsg(2) read: its bytes and the fd that came with them (SCM_RIGHTS), -1 when none did. Empty bytes and
 * no fd: the peer closed without sending.
 */
public record ReceivedFd(byte[] data, int fd) {
    public ReceivedFd {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean hasFd() {
        return fd >= 0;
    }
}

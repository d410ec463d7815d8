package io.jrunc.cli.real;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.ReceivedFd;
import io.jrunc.ports.model.SyscallException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * An engine's end of --console-socket, as conmon and the containerd shim have it: a unix socket listening at a
 * path, which takes one connection and one SCM_RIGHTS message (through the backend's own {@link FileDescriptors}), then
 * reads all the container writes to its terminal from the master it got.
 */
final class ConsoleReceiver implements AutoCloseable {
    /** bind, listen and accept, which no port has: the runtime itself only connects. */
    interface Sockets extends Library {
        Sockets LIBC = Native.load("c", Sockets.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] address, int length) throws LastErrorException;

        int listen(int fd, int backlog) throws LastErrorException;

        int accept4(int fd, byte[] address, int[] length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;

    private final int listening;
    /** The fd that came, and the name it came with. */
    record Master(int fd, String name) {
    }

    final CompletableFuture<Master> master = new CompletableFuture<>();
    final CompletableFuture<String> output = new CompletableFuture<>();

    ConsoleReceiver(Path path, FileDescriptors fds) {
        listening = Sockets.LIBC.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        byte[] address = new byte[2 + name.length + 1];
        address[0] = AF_UNIX;
        System.arraycopy(name, 0, address, 2, name.length);
        Sockets.LIBC.bind(listening, address, address.length);
        Sockets.LIBC.listen(listening, 1);
        Thread receiver = new Thread(() -> {
            try {
                int connection = Sockets.LIBC.accept4(listening, null, null, SOCK_CLOEXEC);
                Master got;
                try {
                    ReceivedFd message = fds.receiveFd(connection, 4096);
                    if (!message.hasFd()) {
                        throw new IllegalStateException("no fd came, only: " + new String(message.data(),
                                StandardCharsets.UTF_8));
                    }
                    got = new Master(message.fd(), new String(message.data(), StandardCharsets.UTF_8));
                } finally {
                    fds.close(connection);
                }
                master.complete(got);
                output.complete(readToEnd(fds, got.fd()));
            } catch (RuntimeException e) {
                master.completeExceptionally(e);
                output.completeExceptionally(e);
            }
        }, "console-receiver");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** Until EIO: the master reads so once the last holder of the pty's peer has ended. */
    private static String readToEnd(FileDescriptors fds, int master) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            while (true) {
                byte[] chunk = fds.read(master, 4096);
                if (chunk.length == 0) {
                    break;
                }
                all.writeBytes(chunk);
            }
        } catch (SyscallException e) {
            // EIO: the container is gone
        } finally {
            fds.close(master);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Sockets.LIBC.close(listening);
    }
}

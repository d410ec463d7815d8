package io.jrunc.ports.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A small regular file's content through the JDK's own calls, which resolve the path as the calling thread's
 * root and cwd do (a thread that switched to the container's root reads the container's files). Both native
 * backends read files with it.
 */
public final class RegularFileContent {
    private RegularFileContent() {
    }

    public static Optional<byte[]> read(String path, int maxBytes) {
        Path file = Path.of(path);
        try {
            // A look first: a fifo or a device is never opened (an open of a fifo waits for a writer).
            if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty(); // nothing that can be opened is there
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new SyscallException("read", Errno.EFBIG, path + " (more than " + maxBytes + " bytes)");
            }
            return Optional.of(content);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed since the look
        } catch (IOException e) {
            throw new SyscallException("read", Errno.EIO, path + ": " + e.getMessage());
        }
    }
}

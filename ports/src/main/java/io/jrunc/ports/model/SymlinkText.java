package io.jrunc.ports.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What readlink(2) gives for a path, through the JDK's own lstat and readlink: a missing path or one that is
 * no link is simply none. Both native backends read links with it.
 */
public final class SymlinkText {
    private SymlinkText() {
    }

    public static Optional<String> of(String path) {
        Path link = Path.of(path);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (NotLinkException | NoSuchFileException e) {
            return Optional.empty(); // replaced since the lstat
        } catch (IOException e) {
            throw new SyscallException("readlink", Errno.EIO, path + ": " + e.getMessage());
        }
    }
}

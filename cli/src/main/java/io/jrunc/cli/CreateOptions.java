package io.jrunc.cli;

import java.nio.file.Path;

/** The options create and run share, named as runc names them. */
final class CreateOptions {
    Path bundle;
    Path pidFile;
    Path consoleSocket;
    boolean noPivot;
    boolean noNewKeyring;
    int preserveFds;

    void declare(CommandDeclaration command) {
        // In the order of runc's help.
        command.option("-b", "--bundle").label("<dir>")
                .description("the bundle's directory, which holds its config.json (default: the current directory)")
                .into(Path.class, Path.of(""), v -> bundle = v)
                .option("--console-socket").label("<path>")
                .description("AF_UNIX socket to send the master end of the container's pseudo-terminal to")
                .into(Path.class, null, v -> consoleSocket = v)
                .option("--pid-file").label("<file>").description("file to write the pid of the container's init to")
                .into(Path.class, null, v -> pidFile = v)
                .option("--no-pivot").description("move the root filesystem into place without pivot_root (for a ramdisk)")
                .flag(v -> noPivot = v)
                .option("--no-new-keyring").description("keep the caller's session keyring instead of a new one")
                .flag(v -> noNewKeyring = v)
                .option("--preserve-fds").label("<n>")
                .description("hand the container N more open files, from fd 3 (after those of $LISTEN_FDS)")
                .into(int.class, 0, v -> preserveFds = v);
    }
}

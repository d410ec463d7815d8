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
        command.option("-b", "--bundle").label("<dir>")
                .description("path to the root of the bundle directory, defaults to the current directory")
                .into(Path.class, Path.of(""), v -> bundle = v)
                .option("--pid-file").label("<file>").description("specify the file to write the process id to")
                .into(Path.class, null, v -> pidFile = v)
                .option("--console-socket").label("<path>")
                .description("path to an AF_UNIX socket which will receive a file descriptor referencing the master"
                        + " end of the console's pseudoterminal")
                .into(Path.class, null, v -> consoleSocket = v)
                .option("--no-pivot").description("do not use pivot root to jail process inside rootfs")
                .flag(v -> noPivot = v)
                .option("--no-new-keyring").description("do not create a new session keyring for the container")
                .flag(v -> noNewKeyring = v)
                .option("--preserve-fds").label("<n>")
                .description("Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total)")
                .into(int.class, 0, v -> preserveFds = v);
    }
}

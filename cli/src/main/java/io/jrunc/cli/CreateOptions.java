package io.jrunc.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options create and run share, named as runc names them. */
final class CreateOptions {
    @Option(names = {"-b", "--bundle"}, paramLabel = "<dir>", description = "path to the root of the bundle directory, defaults to the current directory")
    Path bundle = Path.of("");

    @Option(names = "--pid-file", paramLabel = "<file>", description = "specify the file to write the process id to")
    Path pidFile;

    @Option(names = "--console-socket", paramLabel = "<path>", description = "path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal")
    Path consoleSocket;

    @Option(names = "--no-pivot", description = "do not use pivot root to jail process inside rootfs")
    boolean noPivot;

    @Option(names = "--no-new-keyring", description = "do not create a new session keyring for the container")
    boolean noNewKeyring;

    @Option(names = "--preserve-fds", paramLabel = "<n>", description = "Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total)")
    int preserveFds;
}

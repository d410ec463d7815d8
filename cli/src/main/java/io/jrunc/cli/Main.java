package io.jrunc.cli;

import com.google.inject.ProvisionException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The entry point: runc's command line, with runc's exit codes and error lines. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line; the one place where exceptions become exit codes. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new RuntimeCommand(), args, out, err);
    }

    static int execute(RuntimeCommand root, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(root.spec());
        // Before the settings below, which apply to the subcommands registered at the time.
        Subcommands.register(cl, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            root.log().error(messageOf(e));
            if (root.debug) {
                e.printStackTrace(err);
            }
            return ExitCodes.ERROR;
        });
        cl.setParameterExceptionHandler((e, arguments) -> {
            // As runc's "Incorrect Usage.": the error, then the help of the command at fault. On stderr, unlike
            // runc, so that whoever reads a command's output (state's JSON, list's table) never reads help instead.
            PrintWriter help = e.getCommandLine().getErr();
            help.println("jrunc: " + e.getMessage());
            help.print(helpPage(cl, e.getCommandLine()));
            help.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionStrategy(parsed -> {
            // -h or --help on any command, before anything runs; picocli itself would print its own layout.
            for (CommandLine command : parsed.asCommandLineList()) {
                if (command.isUsageHelpRequested()) {
                    command.getOut().print(helpPage(cl, command));
                    command.getOut().flush();
                    return ExitCodes.OK;
                }
                if (command.isVersionHelpRequested()) {
                    break;
                }
            }
            CommandLine command = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
            if (root.debug && command != cl) {
                root.log().debug("jrunc " + command.getCommandName() + ": backend " + root.chosenBackend().cliName()
                        + ", root " + root.root());
            }
            int status = new CommandLine.RunLast().execute(parsed);
            if (root.debug && command != cl) {
                root.log().debug("jrunc " + command.getCommandName() + ": exit status " + status);
            }
            return status;
        });
        return cl.execute(args);
    }

    /** The root's help lists every command, also those that this command line did not need. */
    private static String helpPage(CommandLine root, CommandLine command) {
        if (command == root) {
            Subcommands.registerAll(root);
        }
        return HelpPage.of(command.getCommandSpec());
    }

    private static String messageOf(Throwable e) {
        Throwable t = e;
        while (t instanceof ProvisionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}

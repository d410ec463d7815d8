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
            // runc: "Incorrect Usage." style errors go to stderr with the usage of the command at fault.
            if (e.getCommandLine() == cl) {
                Subcommands.registerAll(cl);
            }
            e.getCommandLine().getErr().println("jrunc: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    private static String messageOf(Throwable e) {
        Throwable t = e;
        while (t instanceof ProvisionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}

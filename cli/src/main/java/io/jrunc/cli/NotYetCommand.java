package io.jrunc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A subcommand of runc's that later work builds. It is listed so scripts get a clear refusal and a non-zero
 * exit instead of "unknown command", and never pretends to have done anything. Its help is there already
 * (exit 0), so that a script that asks whether the command exists learns what it does once it is built.
 */
final class NotYetCommand implements Callable<Integer>, Subcommand {
    private final String summary;
    private final List<String> arguments = new ArrayList<>();
    private RuntimeCommand root;
    private CommandSpec spec;

    NotYetCommand(String summary) {
        this.summary = summary;
    }

    /** Whatever follows its name is taken and ignored. */
    @Override
    public CommandSpec spec(RuntimeCommand root) {
        this.root = root;
        this.spec = CommandDeclaration.of(this, summary + " (not implemented yet)")
                .description("Not implemented yet: it fails, with exit status 1, and changes nothing.")
                .unmatched(arguments).spec();
        return spec;
    }

    @Override
    public Integer call() {
        root.log().error("jrunc " + spec.name() + " is not implemented yet");
        return ExitCodes.ERROR;
    }
}

package io.jrunc.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * runc's subcommands that later work builds. They are listed so scripts get a clear refusal and a
 * non-zero exit instead of "unknown command", and never pretend to have done anything.
 */
final class NotYetCommands {
    private NotYetCommands() {
    }

    abstract static class NotYet implements Callable<Integer> {
        @ParentCommand
        RuntimeCommand root;

        @Spec
        CommandSpec spec;

        @Unmatched
        List<String> arguments;

        @Override
        public Integer call() {
            root.log().error("jrunc " + spec.name() + " is not implemented yet");
            return ExitCodes.ERROR;
        }
    }

    @Command(name = "exec", description = "execute new process inside the container (not implemented yet)")
    static final class Exec extends NotYet {
    }

    @Command(name = "checkpoint", description = "checkpoint a running container (not implemented yet)")
    static final class Checkpoint extends NotYet {
    }

    @Command(name = "restore", description = "restore a container from a previous checkpoint (not implemented yet)")
    static final class Restore extends NotYet {
    }

    @Command(name = "features", description = "show the enabled features (not implemented yet)")
    static final class Features extends NotYet {
    }
}

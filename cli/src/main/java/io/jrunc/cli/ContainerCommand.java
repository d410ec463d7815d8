package io.jrunc.cli;

import io.jrunc.domain.container.LifecycleError;
import picocli.CommandLine.Model.CommandSpec;

/** What every container subcommand shares: the global flags, the wired runtime and runc's error lines. */
abstract class ContainerCommand implements Subcommand {
    RuntimeCommand root;
    CommandSpec spec;

    /** Set by create and run on the fake backend: what to print when the command is done. */
    DryRun dryRun;

    /** This command's options and parameters, bound to its fields. */
    abstract CommandDeclaration declaration();

    @Override
    public final CommandSpec spec(RuntimeCommand root) {
        this.root = root;
        this.spec = declaration().spec();
        return spec;
    }

    Runtime runtime() {
        return root.runtime();
    }

    <T> T use(Class<T> useCase) {
        return runtime().get(useCase);
    }

    int fail(LifecycleError error) {
        return fail(error.message());
    }

    int fail(String message) {
        root.log().error(message);
        return ExitCodes.ERROR;
    }

    void printDryRun() {
        if (dryRun != null) {
            dryRun.print(out());
        }
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}

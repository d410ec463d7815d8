package io.jrunc.cli;

import picocli.CommandLine.Model.CommandSpec;

/** A subcommand of jrunc's command line: its model, declared in code ({@link CommandDeclaration}). */
interface Subcommand {
    /** The model, bound to this object, under the root whose global flags it reads. */
    CommandSpec spec(RuntimeCommand root);
}

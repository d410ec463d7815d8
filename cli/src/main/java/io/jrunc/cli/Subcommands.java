package io.jrunc.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * runc's subcommands, registered with picocli only as needed: building a command's model costs time in a
 * fresh JVM, and a command line runs one of them. Usage, and errors that list them, get them all.
 */
final class Subcommands {
    /** By name, in the order of runc's help. */
    private static final Map<String, Supplier<Subcommand>> ALL = byName();

    private static Map<String, Supplier<Subcommand>> byName() {
        Map<String, Supplier<Subcommand>> all = new LinkedHashMap<>();
        all.put("checkpoint", () -> new NotYetCommand("save the state of a running container to files"));
        all.put("create", CreateCommand::new);
        all.put("delete", DeleteCommand::new);
        all.put("events", EventsCommand::new);
        all.put("exec", ExecCommand::new);
        all.put("kill", KillCommand::new);
        all.put("list", ListCommand::new);
        all.put("pause", PauseCommand::new);
        all.put("ps", PsCommand::new);
        all.put("restore", () -> new NotYetCommand("bring a container back from saved files"));
        all.put("resume", ResumeCommand::new);
        all.put("run", RunCommand::new);
        all.put("spec", SpecCommand::new);
        all.put("start", StartCommand::new);
        all.put("state", StateCommand::new);
        all.put("update", UpdateCommand::new);
        all.put("features", FeaturesCommand::new);
        all.put("aot-train", TrainCommand::new);
        return all;
    }

    private Subcommands() {
    }

    /** The subcommand the arguments name after the root's options, or all of them when they name none. */
    static void register(CommandLine root, String[] args) {
        String named = named(root.getCommandSpec(), args);
        if (named == null) {
            registerAll(root);
        } else {
            add(root, named, ALL.get(named));
        }
    }

    /** Every subcommand, in help order: one that the command line named, registered first, takes its place. */
    static void registerAll(CommandLine root) {
        Map<String, CommandLine> named = new LinkedHashMap<>(root.getSubcommands());
        for (String name : named.keySet()) {
            root.getCommandSpec().removeSubcommand(name);
        }
        ALL.forEach((name, command) -> {
            if (named.containsKey(name)) {
                root.addSubcommand(name, named.get(name));
            } else {
                add(root, name, command);
            }
        });
    }

    private static void add(CommandLine root, String name, Supplier<Subcommand> command) {
        if (!root.getSubcommands().containsKey(name)) {
            RuntimeCommand globals = (RuntimeCommand) root.getCommandSpec().userObject();
            CommandSpec spec = command.get().spec(globals);
            // Every command answers -h and --help with its help, as runc's do; its options do not list them.
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).hidden(true).build());
            CommandLine sub = new CommandLine(spec);
            if (name.equals("ps") || name.equals("exec")) {
                // runc ps hands everything after the container id to ps, options included ("ps ID -o pid,comm");
                // runc exec everything after the id to the command ("exec ID sh -c 'exit 7'").
                sub.setStopAtPositional(true);
            }
            root.addSubcommand(name, sub);
        }
    }

    /**
     * The first argument that is not one of the root's options or an option's value; null when that is
     * no subcommand, or an argument is no root option (picocli then reports it, with the full usage).
     */
    private static String named(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                return ALL.containsKey(arg) ? arg : null;
            }
            int equals = arg.indexOf('=');
            OptionSpec option = option(root, equals < 0 ? arg : arg.substring(0, equals));
            if (option == null) {
                return null;
            }
            if (equals < 0 && option.arity().max() > 0 && i + 1 < args.length) {
                String next = args[i + 1];
                // A value that may be left out (--rootless) is taken unless a subcommand or an option follows.
                boolean optional = option.arity().min() == 0;
                if (!optional || !(ALL.containsKey(next) || next.startsWith("-"))) {
                    i++;
                }
            }
        }
        return null;
    }

    /** The root's option of exactly that name (picocli's findOption also matches other dash prefixes). */
    private static OptionSpec option(CommandSpec root, String name) {
        for (OptionSpec option : root.options()) {
            if (List.of(option.names()).contains(name)) {
                return option;
            }
        }
        return null;
    }

}

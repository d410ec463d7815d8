package io.jrunc.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * runc's subcommands, registered with picocli only as needed: building a command's model (its annotations
 * and options read by reflection) costs about a millisecond each in a fresh JVM, and a command line runs
 * one of them. Usage, and errors that list them, get them all.
 */
final class Subcommands {
    /** In the order of runc's help. */
    private static final List<Class<?>> ALL = List.of(
            SpecCommand.class, CreateCommand.class, StartCommand.class, RunCommand.class, StateCommand.class,
            ListCommand.class, KillCommand.class, DeleteCommand.class, NotYetCommands.Exec.class,
            PauseCommand.class, ResumeCommand.class, PsCommand.class, EventsCommand.class, UpdateCommand.class,
            NotYetCommands.Checkpoint.class, NotYetCommands.Restore.class, NotYetCommands.Features.class,
            TrainCommand.class);

    private Subcommands() {
    }

    /** The subcommand the arguments name after the root's options, or all of them when they name none. */
    static void register(CommandLine root, String[] args) {
        Map<String, Class<?>> byName = byName();
        String named = named(root.getCommandSpec(), args, byName);
        if (named == null) {
            registerAll(root);
        } else {
            add(root, named, byName.get(named));
        }
    }

    /** Every subcommand not registered yet, in help order. */
    static void registerAll(CommandLine root) {
        byName().forEach((name, type) -> add(root, name, type));
    }

    private static void add(CommandLine root, String name, Class<?> type) {
        if (!root.getSubcommands().containsKey(name)) {
            CommandLine sub = new CommandLine(type);
            if (name.equals("ps")) {
                // runc ps hands everything after the container id to ps, options included ("ps ID -o pid,comm").
                sub.setStopAtPositional(true);
            }
            root.addSubcommand(name, sub);
        }
    }

    /**
     * The first argument that is not one of the root's options or an option's value; null when that is
     * no subcommand, or an argument is no root option (picocli then reports it, with the full usage).
     */
    private static String named(CommandSpec root, String[] args, Map<String, Class<?>> byName) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                return byName.containsKey(arg) ? arg : null;
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
                if (!optional || !(byName.containsKey(next) || next.startsWith("-"))) {
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

    private static Map<String, Class<?>> byName() {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : ALL) {
            byName.put(type.getAnnotation(Command.class).name(), type);
        }
        return byName;
    }
}

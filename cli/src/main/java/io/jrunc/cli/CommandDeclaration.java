package io.jrunc.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UnmatchedArgsBinding;

/**
 * A command's options and parameters, declared in code with picocli's programmatic API and bound to the
 * command's fields by setters. Not picocli's annotations: they are read by reflection at every start, and
 * the JDK generates a proxy class for each annotation type it reads, which no start-up cache holds; the
 * annotated model of the root and `run` cost about 60 ms of each `run` (docs/BENCHMARKS.md).
 *
 * <p>Every option and parameter has an initial value, which picocli sets before each parse and the help
 * shows as the default ({@link HelpPage}): the default lives here, once, not in the field nor in a description.
 */
final class CommandDeclaration {
    private final CommandSpec spec;

    private CommandDeclaration(CommandSpec spec) {
        this.spec = spec;
    }

    /**
     * {@code command}'s own declaration; picocli runs it through its call() or run(). The summary is the line
     * its help shows under NAME and the root's list of commands next to its name.
     */
    static CommandDeclaration of(Object command, String summary) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.usageMessage().header(summary);
        return new CommandDeclaration(spec);
    }

    /** What the command does, at more length than its summary: its help's DESCRIPTION ({@link HelpPage}). */
    CommandDeclaration description(String text) {
        spec.usageMessage().description(text);
        return this;
    }

    Option option(String... names) {
        return new Option(OptionSpec.builder(names));
    }

    /** The next positional parameter, required unless declared {@link Parameter#optional} or the {@link Parameter#rest}. */
    Parameter parameter(String label) {
        int position = spec.positionalParameters().size();
        return new Parameter(PositionalParamSpec.builder().paramLabel(label).index(Integer.toString(position))
                .arity("1").required(true), position);
    }

    /** Whatever is left on the command line, unparsed, collected into {@code arguments} (emptied before a parse). */
    CommandDeclaration unmatched(List<String> arguments) {
        // picocli hands each batch of unmatched arguments over as a String[], and null to reset.
        spec.addUnmatchedArgsBinding(UnmatchedArgsBinding.forStringArrayConsumer(new ISetter() {
            @Override
            public <T> T set(T value) {
                if (value == null) {
                    arguments.clear();
                } else {
                    arguments.addAll(List.of((String[]) value));
                }
                return null;
            }
        }));
        return this;
    }

    /** Options another part declares (the ones create and run share). */
    CommandDeclaration with(Consumer<CommandDeclaration> part) {
        part.accept(this);
        return this;
    }

    /** Left out of the usage, as runc hides its internal commands. */
    CommandDeclaration hidden() {
        spec.usageMessage().hidden(true);
        return this;
    }

    CommandSpec spec() {
        return spec;
    }

    /** An option being declared; {@link #into} or {@link #flag} adds it to the command. */
    final class Option {
        private final OptionSpec.Builder builder;

        private Option(OptionSpec.Builder builder) {
            this.builder = builder;
        }

        Option label(String paramLabel) {
            builder.paramLabel(paramLabel);
            return this;
        }

        Option description(String text) {
            builder.description(text);
            return this;
        }

        Option hidden() {
            builder.hidden(true);
            return this;
        }

        /** A value that may be left out, and what it is then ({@code --rootless} alone is true). */
        Option optionalValue(String fallback) {
            builder.arity("0..1").fallbackValue(fallback);
            return this;
        }

        /** An option with a value of {@code type}, {@code initial} unless given. */
        <T> CommandDeclaration into(Class<T> type, T initial, Consumer<T> field) {
            spec.addOption(builder.type(type).initialValue(initial).hasInitialValue(true).setter(setter(field)).build());
            return CommandDeclaration.this;
        }

        /** An option that may be given again and again, each value added to the list {@code field} gives. */
        CommandDeclaration repeated(Supplier<List<String>> field) {
            ListBinding binding = new ListBinding(field);
            builder.type(List.class).auxiliaryTypes(String.class).arity("1");
            spec.addOption(builder.getter(binding).setter(binding).initialValue(List.of()).hasInitialValue(true).build());
            return CommandDeclaration.this;
        }

        /** An option without a value: false unless given. */
        CommandDeclaration flag(Consumer<Boolean> field) {
            return into(boolean.class, false, field);
        }

        /** picocli's own -h/--help or -v/--version, which it answers itself. */
        CommandDeclaration usageHelp() {
            spec.addOption(builder.usageHelp(true).type(boolean.class).build());
            return CommandDeclaration.this;
        }

        CommandDeclaration versionHelp() {
            spec.addOption(builder.versionHelp(true).type(boolean.class).build());
            return CommandDeclaration.this;
        }
    }

    /** A positional parameter being declared. */
    final class Parameter {
        private final PositionalParamSpec.Builder builder;
        private final int position;

        private Parameter(PositionalParamSpec.Builder builder, int position) {
            this.builder = builder;
            this.position = position;
        }

        /** May be left out, then {@code initial}. */
        <T> CommandDeclaration optional(Class<T> type, T initial, Consumer<T> field) {
            builder.arity("0..1").required(false);
            return into(type, initial, field);
        }

        <T> CommandDeclaration into(Class<T> type, T initial, Consumer<T> field) {
            spec.addPositional(builder.type(type).initialValue(initial).hasInitialValue(true).setter(setter(field))
                    .build());
            return CommandDeclaration.this;
        }

        /** This and every later argument, possibly none, into the list {@code field} gives. */
        CommandDeclaration rest(Supplier<List<String>> field) {
            builder.index(position + "..*").arity("0..*").required(false).type(List.class).auxiliaryTypes(String.class);
            ListBinding binding = new ListBinding(field);
            spec.addPositional(builder.getter(binding).setter(binding).initialValue(List.of()).build());
            return CommandDeclaration.this;
        }
    }

    /** picocli's setter is a generic method, which no lambda can be. */
    private static <T> ISetter setter(Consumer<T> field) {
        return new ISetter() {
            @Override
            @SuppressWarnings("unchecked") // picocli converted the value to the type declared with it
            public <V> V set(V value) {
                field.accept((T) value);
                return null;
            }
        };
    }

    /** A list that picocli fills value by value (it reads it back to add to it). */
    private static final class ListBinding implements IGetter, ISetter {
        private final Supplier<List<String>> field;

        ListBinding(Supplier<List<String>> field) {
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) field.get();
        }

        @Override
        @SuppressWarnings("unchecked") // picocli hands back the list it read, or the initial (empty) one
        public <T> T set(T value) {
            List<String> list = field.get();
            if (value != list) {
                list.clear();
                list.addAll((List<String>) value);
            }
            return null;
        }
    }
}

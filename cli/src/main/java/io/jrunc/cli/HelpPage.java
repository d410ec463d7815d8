package io.jrunc.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's help in runc's layout, which is urfave/cli's: the sections NAME and USAGE, then VERSION, COMMANDS
 * and GLOBAL OPTIONS for the root, DESCRIPTION and OPTIONS for a command; one option a line, as
 * {@code --bundle value, -b value} and its description with the default appended, in columns as Go's
 * tabwriter lines them up. Scripts look for these headers and option lines, so those are runc's; every
 * text is the command's own, from its {@link CommandDeclaration}. Built only when help is printed, so no
 * other command loads it.
 */
final class HelpPage {
    private static final String INDENT = "   ";
    /** urfave/cli's tabwriter keeps columns two spaces apart. */
    private static final int GAP = 2;

    private final CommandSpec command;
    private final boolean root;
    private final StringBuilder page = new StringBuilder();

    private HelpPage(CommandSpec command) {
        this.command = command;
        this.root = command.parent() == null;
    }

    static String of(CommandSpec command) {
        return new HelpPage(command).render();
    }

    private String render() {
        List<String> name = new ArrayList<>();
        name.add(command.qualifiedName(" ") + " - " + summary(command));
        List<String> description = lines(command.usageMessage().description());
        if (root && !description.isEmpty()) {
            // runc's root help tells what it is under its name; it has no DESCRIPTION.
            name.add("");
            name.addAll(description);
        }
        section("NAME", name);
        section("USAGE", List.of(usage()));
        if (root && command.versionProvider() != null) {
            section("VERSION", version());
        }
        if (!root && !description.isEmpty()) {
            section("DESCRIPTION", description);
        }
        section("COMMANDS", columns(commands()));
        section(root ? "GLOBAL OPTIONS" : "OPTIONS", columns(options()));
        return page.toString();
    }

    /** The first line of its header: what the root's list of commands shows next to its name. */
    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        return header.length == 0 ? "" : header[0];
    }

    private void section(String title, List<String> body) {
        if (body.isEmpty()) {
            return;
        }
        if (page.length() > 0) {
            page.append('\n');
        }
        page.append(title).append(":\n");
        for (String line : body) {
            page.append(line.isEmpty() ? "" : INDENT + line).append('\n');
        }
    }

    private String usage() {
        if (root) {
            return command.name() + " [global options] command [command options] [arguments...]";
        }
        StringBuilder usage = new StringBuilder(command.qualifiedName(" "));
        if (!visibleOptions().isEmpty()) {
            usage.append(" [command options]");
        }
        String arguments = arguments();
        if (!arguments.isEmpty()) {
            usage.append(' ').append(arguments);
        }
        return usage.toString();
    }

    /** As runc writes them: {@code <container-id> [signal]}; a command that takes anything, {@code [arguments...]}. */
    private String arguments() {
        List<String> arguments = new ArrayList<>();
        for (PositionalParamSpec parameter : command.positionalParameters()) {
            String label = parameter.paramLabel();
            String bare = label.startsWith("<") && label.endsWith(">") ? label.substring(1, label.length() - 1) : label;
            if (parameter.arity().max() == Integer.MAX_VALUE) {
                arguments.add("[" + bare + "...]");
            } else if (parameter.arity().min() == 0) {
                arguments.add("[" + bare + "]");
            } else {
                arguments.add(label);
            }
        }
        if (arguments.isEmpty() && !command.unmatchedArgsBindings().isEmpty()) {
            arguments.add("[arguments...]");
        }
        return String.join(" ", arguments);
    }

    /** runc's first line is the bare version, the lines after it as {@code --version} prints them. */
    private List<String> version() {
        List<String> lines = new ArrayList<>();
        try {
            Collections.addAll(lines, command.versionProvider().getVersion());
        } catch (Exception e) {
            return lines;
        }
        String prefix = command.name() + " version ";
        if (!lines.isEmpty() && lines.get(0).startsWith(prefix)) {
            lines.set(0, lines.get(0).substring(prefix.length()));
        }
        return lines;
    }

    private List<String[]> commands() {
        List<String[]> rows = new ArrayList<>();
        // Aliases are keys of their own, for the same command.
        Set<CommandLine> listed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CommandLine sub : command.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (listed.add(sub) && !spec.usageMessage().hidden()) {
                List<String> names = new ArrayList<>();
                names.add(spec.name());
                Collections.addAll(names, spec.aliases());
                rows.add(new String[] {String.join(", ", names), summary(spec)});
            }
        }
        return rows;
    }

    private List<String[]> options() {
        List<String[]> rows = new ArrayList<>();
        for (OptionSpec option : visibleOptions()) {
            String description = String.join(" ", option.description()) + defaultOf(option);
            rows.add(new String[] {names(option), description.strip()});
        }
        return rows;
    }

    private List<OptionSpec> visibleOptions() {
        List<OptionSpec> visible = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (!option.hidden()) {
                visible.add(option);
            }
        }
        return visible;
    }

    /**
     * urfave/cli's form: long names first, each followed by "value" when the option takes one. A long name with
     * one dash is the same flag in Go's spelling (go-runc's {@code -no-subreaper}) and is not listed again.
     */
    private static String names(OptionSpec option) {
        String value = option.arity().max() > 0 ? " value" : "";
        List<String> names = new ArrayList<>();
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                names.add(name + value);
            }
        }
        for (String name : option.names()) {
            if (!name.startsWith("--") && name.length() == 2) {
                names.add(name + value);
            }
        }
        return String.join(", ", names);
    }

    /** As urfave/cli appends it: none for a flag or an empty value, numbers bare, anything else quoted as Go does. */
    private static String defaultOf(OptionSpec option) {
        Object initial = option.initialValue();
        if (option.arity().max() == 0 || initial == null || initial.toString().isEmpty()) {
            return "";
        }
        String text = initial instanceof Number ? initial.toString() : GoValues.quote(initial.toString());
        return " (default: " + text + ")";
    }

    private static List<String> columns(List<String[]> rows) {
        int width = 0;
        for (String[] row : rows) {
            width = Math.max(width, row[0].length() + GAP);
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            lines.add(row[1].isEmpty() ? row[0] : row[0] + " ".repeat(width - row[0].length()) + row[1]);
        }
        return lines;
    }

    private static List<String> lines(String[] texts) {
        List<String> lines = new ArrayList<>();
        for (String text : texts) {
            lines.addAll(List.of(text.stripTrailing().split("\n", -1)));
        }
        return lines;
    }
}

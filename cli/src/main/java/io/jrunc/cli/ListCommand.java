package io.jrunc.cli;

import io.jrunc.domain.lifecycle.ContainerState;
import io.jrunc.domain.lifecycle.QueryState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

final class ListCommand extends ContainerCommand implements Callable<Integer> {
    enum Format { table, json }

    Format format;
    boolean quiet;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "list the containers under the state root")
                .description("""
                        Every container whose state is in the directory of the global option --root, as a table or as
                        JSON (null when there is none).""")
                .option("-f", "--format").label("table|json").description("'table' or 'json'")
                .into(Format.class, Format.table, v -> format = v)
                .option("-q", "--quiet").description("print the ids alone, one a line").flag(v -> quiet = v);
    }

    @Override
    public Integer call() {
        // runc prints what it skips plainly on stderr, not as a log entry, and lists the rest.
        List<ContainerState> states = use(QueryState.class).list(spec.commandLine().getErr()::println);
        if (quiet) {
            states.forEach(s -> out().println(s.id()));
        } else if (format == Format.json) {
            out().println(StateJson.list(states));
        } else {
            out().print(table(states));
        }
        out().flush();
        return ExitCodes.OK;
    }

    static String table(List<ContainerState> states) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"));
        for (ContainerState s : states) {
            rows.add(List.of(s.id(), Integer.toString(s.pid()), s.status().specName(), s.bundle(), s.created(),
                    s.owner()));
        }
        return TabWriter.format(rows, 12, 3);
    }
}

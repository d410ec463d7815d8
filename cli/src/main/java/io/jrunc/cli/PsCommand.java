package io.jrunc.cli;

import io.jrunc.domain.lifecycle.ListProcesses;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * runc ps: the container's processes, as a JSON array of pids or as the host's {@code ps} table (default
 * {@code ps -ef}) cut down to them. Everything after the container id goes to ps unparsed ({@code jrunc ps ID
 * -o pid,comm}): the command line stops reading options at the id.
 */
final class PsCommand extends ContainerCommand implements Callable<Integer> {
    String format;
    String id;
    final List<String> psArgs = new ArrayList<>();

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "show the processes of a container")
                .description("""
                        The processes in the container's cgroup. As a table: the host's ps, its header and the lines
                        of those processes; whatever follows <container-id> is handed to ps (-ef if nothing does).
                        As JSON: the list of their pids.""")
                .option("-f", "--format").label("table|json").description("'table' or 'json'")
                .into(String.class, "table", v -> format = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v)
                .parameter("<ps options>").rest(() -> psArgs);
    }

    @Override
    public Integer call() {
        return use(ListProcesses.class).processes(id).fold(this::fail, pids -> {
            switch (format) {
                case "json":
                    out().println(EventsJson.pids(pids));
                    out().flush();
                    return ExitCodes.OK;
                case "table":
                    return table(pids);
                default:
                    return fail("invalid format option");
            }
        });
    }

    private int table(List<Integer> pids) {
        List<String> args = psArgs.isEmpty() ? List.of("-ef") : psArgs;
        return runHostPs(args).flatMap(output -> PsTable.filter(output, pids)).fold(this::fail, table -> {
            out().print(table);
            out().flush();
            return ExitCodes.OK;
        });
    }

    /** The host's ps (running it is runc's behaviour): its combined output, or runc's error when it fails. */
    private static Either<String, String> runHostPs(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("ps");
        command.addAll(args);
        try {
            Process ps = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = ps.waitFor();
            return status == 0 ? Either.right(output) : Either.left("exit status " + status + ": " + output);
        } catch (IOException e) {
            return Either.left("exec: \"ps\": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("ps: interrupted");
        }
    }
}

package io.jrunc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs jrunc's command line in this JVM with a backend and a state root, for tests in other packages. */
public final class CliRunner {
    /** What one command line did. */
    public static final class Result {
        public final int status;
        public final String out;
        public final String err;

        Result(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private CliRunner() {
    }

    /** A command line running on a thread of its own, whose output can be read while it runs. */
    public static final class Running {
        private final StringWriter out = new StringWriter();
        private final java.util.concurrent.CompletableFuture<Result> result;

        private Running(String backend, Path root, String... args) {
            result = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(backend, root, out, args));
        }

        /** What it has printed so far (StringWriter's buffer is synchronized). */
        public String outSoFar() {
            return out.toString();
        }

        public Result await(java.time.Duration limit) throws Exception {
            return result.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    public static Running start(String backend, Path root, String... args) {
        return new Running(backend, root, args);
    }

    public static Result run(String backend, Path root, String... args) {
        return run(backend, root, new StringWriter(), args);
    }

    private static Result run(String backend, Path root, StringWriter out, String... args) {
        List<String> all = new ArrayList<>(List.of("--backend", backend, "--root", root.toString()));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int status = Main.execute(all.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }
}

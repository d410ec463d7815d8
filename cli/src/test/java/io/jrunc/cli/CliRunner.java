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

    public static Result run(String backend, Path root, String... args) {
        List<String> all = new ArrayList<>(List.of("--backend", backend, "--root", root.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(all.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }
}

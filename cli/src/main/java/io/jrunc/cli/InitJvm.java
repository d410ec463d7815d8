package io.jrunc.cli;

import io.jrunc.domain.lifecycle.InitCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the container's init: this same JVM binary and class path, re-executed as
 * {@code jrunc init} with the same backend. Its environment is empty: nothing of the caller's
 * environment reaches the container through the init.
 */
final class InitJvm {
    private InitJvm() {
    }

    static InitCommand command(Backend backend) {
        String binary = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        argv.add("-XX:TieredStopAtLevel=1");
        argv.add("-XX:+UseSerialGC");
        argv.add("-XX:-UsePerfData");
        // Every thread the init JVM will have is started before it joins the container's cgroup, whose pids
        // limit may be below the JVM's thread count: no compiler thread is added later.
        argv.add("-XX:-UseDynamicNumberOfCompilerThreads");
        argv.add("--enable-native-access=ALL-UNNAMED");
        if (java.lang.Runtime.version().feature() >= 23) {
            argv.add("--sun-misc-unsafe-memory-access=allow");
        }
        // The launcher's start-up cache, when it made one: the init starts as fast as the CLI.
        String aot = System.getProperty("jrunc.aot");
        if (aot != null && new java.io.File(aot).isFile()) {
            argv.add("-XX:AOTCache=" + aot);
        }
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(Main.class.getName());
        argv.add("--backend=" + backend.cliName());
        return new InitCommand(binary, argv, List.of());
    }
}

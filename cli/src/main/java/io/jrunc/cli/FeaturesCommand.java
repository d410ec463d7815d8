package io.jrunc.cli;

import io.jrunc.cli.oci.FeaturesJson;
import io.jrunc.cli.systemd.SystemdCgroupDriver;
import io.jrunc.domain.runtime.FeatureDiscovery;
import io.jrunc.domain.runtime.Features;
import io.jrunc.domain.runtime.HostSeccomp;
import io.jrunc.ports.Seccomp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrunc features}: the runtime-spec's features document, derived from what this build carries out
 * ({@link FeatureDiscovery}) and what this host's libseccomp and kernel offer, printed as runc prints it.
 */
final class FeaturesCommand implements Callable<Integer>, Subcommand {
    private static final Path ACTIONS_AVAIL = Path.of("/proc/sys/kernel/seccomp/actions_avail");
    /**
     * The cgroup managers: the domain's cgroupfs driver, for v1 and v2 hierarchies alike, and systemd's on the
     * system bus ({@link SystemdCgroupDriver}); a user's bus (rootless) it does not speak yet.
     */
    static final FeatureDiscovery.Managers MANAGERS = new FeatureDiscovery.Managers(true, true, true, false);

    private RuntimeCommand root;

    @Override
    public CommandSpec spec(RuntimeCommand root) {
        this.root = root;
        CommandSpec spec = CommandDeclaration.of(this, "show the enabled features")
                .description("""
                        Show the enabled features, as the runtime-spec's features document (features.md), in JSON:
                        the hooks, mount options, namespaces, capabilities, cgroup managers, seccomp actions,
                        operators, architectures and flags that a config.json may use on this host. What this
                        build refuses, and what this host's libseccomp or kernel lacks, is left out.""")
                .spec();
        return spec;
    }

    @Override
    public Integer call() {
        Features features = discover(root.runtime().get(Seccomp.class), root.chosenBackend().cliName());
        root.spec.commandLine().getOut().print(FeaturesJson.write(features));
        root.spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    static Features discover(Seccomp seccomp, String backend) {
        HostSeccomp host = new HostSeccomp(seccomp, kernelActions(ACTIONS_AVAIL), LibseccompVersion.installed());
        Map<String, String> annotations = Map.of(
                "io.jrunc.version", VersionProvider.VERSION,
                "io.jrunc.commit", BuildCommit.DESCRIBE,
                "io.jrunc.backend", backend);
        return FeatureDiscovery.discover(host, MANAGERS, annotations,
                List.of(SystemdCgroupDriver.PROPERTY_ANNOTATIONS));
    }

    /** The words of actions_avail; read as a stream, since a sysctl file's reported size is not its length. */
    static Optional<Set<String>> kernelActions(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String words = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return words.isEmpty() ? Optional.empty() : Optional.of(Set.of(words.split("\\s+")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

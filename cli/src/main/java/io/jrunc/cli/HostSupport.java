package io.jrunc.cli;

import io.jrunc.domain.config.CpuList;
import io.jrunc.domain.config.ExecCpuAffinity;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.MemoryPolicy;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Process;
import io.jrunc.domain.config.Scheduler;
import io.jrunc.domain.config.SchedulerPolicy;
import io.jrunc.domain.config.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a valid config asks of this host that the host cannot give: refused before anything is made, so that
 * no create gets half-way and fails in the init (the rule for every process and platform field).
 */
final class HostSupport {
    private final Path root;

    /** {@code root}: where the host's /proc and /sys are ("/", or a tree that stands in for them in tests). */
    HostSupport(Path root) {
        this.root = root;
    }

    static HostSupport here() {
        return new HostSupport(Path.of("/"));
    }

    /** One line per problem, JSON path first; runc's words where runc has some. */
    List<String> problems(Spec spec) {
        List<String> out = new ArrayList<>();
        Optional<Linux> linux = spec.linux();
        linux.flatMap(Linux::intelRdt).ifPresent(rdt -> {
            if (!resctrlMounted()) {
                // runc's validator (1.2 and later) in these words, when no resctrl filesystem is mounted.
                out.add("intelRdt is specified in config, but Intel RDT is not supported or enabled");
            }
        });
        spec.process().flatMap(Process::execCPUAffinity).ifPresent(a -> {
            Optional<Set<Integer>> online = list("sys/devices/system/cpu/online");
            a.initial().ifPresent(cpus -> offline("process.execCPUAffinity.initial", "CPU", cpus, online, out));
            a.finalAffinity().ifPresent(cpus -> offline("process.execCPUAffinity.final", "CPU", cpus, online, out));
        });
        linux.flatMap(Linux::memoryPolicy).map(MemoryPolicy::nodes).ifPresent(nodes ->
                offline("linux.memoryPolicy.nodes", "NUMA node", nodes, list("sys/devices/system/node/online"), out));
        spec.process().flatMap(Process::scheduler).map(Scheduler::policy)
                .filter(p -> p == SchedulerPolicy.ISO)
                .ifPresent(p -> out.add("process.scheduler.policy: SCHED_ISO is not implemented by this kernel"));
        boolean newTime = linux.flatMap(l -> l.namespace(NamespaceType.TIME)).filter(ns -> ns.path().isEmpty())
                .isPresent();
        if (newTime && !Files.exists(root.resolve("proc/self/ns/time"))) {
            out.add("linux.namespaces: this kernel has no time namespace (Linux 5.6 or later has)");
        }
        linux.map(Linux::netDevices).orElse(java.util.Map.of()).keySet().forEach(name -> {
            // A name with a slash never reaches here: the validator refused it.
            if (!Files.exists(root.resolve("sys/class/net").resolve(name))) {
                out.add("linux.netDevices[\"" + name + "\"]: no network device of that name on this host");
            }
        });
        return out;
    }

    /** runc's warning: the spec gives personality flags no values yet, so runc leaves them out. */
    static List<String> warnings(Spec spec) {
        return spec.linux().flatMap(Linux::personality).filter(p -> !p.flags().isEmpty())
                .map(p -> List.of("ignoring unsupported personality flags: " + p.flags()
                        + " because personality flag has not supported at this time"))
                .orElse(List.of());
    }

    private static void offline(String path, String what, String wanted, Optional<Set<Integer>> online,
                                List<String> out) {
        Set<Integer> missing = new TreeSet<>(CpuList.parse(wanted).orElse(Set.of()));
        online.ifPresent(missing::removeAll);
        if (online.isPresent() && !missing.isEmpty()) {
            out.add(path + ": " + what + (missing.size() > 1 ? "s " : " ") + missing + " not online on this host"
                    + " (online: " + online.get() + ")");
        }
    }

    /** A list file of /sys; empty where the host does not say. */
    private Optional<Set<Integer>> list(String relative) {
        return read(relative).flatMap(text -> CpuList.parse(text.trim()));
    }

    private boolean resctrlMounted() {
        return read("proc/self/mountinfo").map(info -> info.lines()
                .anyMatch(line -> line.contains(" - resctrl "))).orElse(false);
    }

    /** As a stream: Files.readString trusts the size a /proc or /sys file reports. */
    private Optional<String> read(String relative) {
        try (InputStream in = Files.newInputStream(root.resolve(relative))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

package io.jrunc.cli;

import io.jrunc.cli.oci.ResourcesJson;
import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.ConfigError;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.lifecycle.UpdateContainer;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;

/**
 * runc update: new resource limits for a container, from flags or from a LinuxResources JSON document
 * ({@code -r FILE}, or {@code -r -} on stdin as containerd sends it). Values are read as runc reads them; a bad
 * one is refused naming its flag, before the container is touched.
 */
final class UpdateCommand extends ContainerCommand implements Callable<Integer> {
    String resources;
    String blkioWeight;
    String cpuPeriod;
    String cpuQuota;
    String cpuShare;
    String cpuRtPeriod;
    String cpuRtRuntime;
    String cpusetCpus;
    String cpusetMems;
    String kernelMemory;
    String kernelMemoryTcp;
    String memory;
    String memoryReservation;
    String memorySwap;
    String pidsLimit;
    String l3CacheSchema;
    String memBwSchema;
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "change the resource limits of a container")
                .description("""
                        New limits for a container that has not stopped, from the options or from a JSON document of
                        the runtime spec's linux.resources (--resources). Sizes take units (512k, 64m, 1g); -1 is no
                        limit. They go to the container's cgroup, all or none, then into its saved config.json, so a
                        later update starts from them.""")
                .option("-r", "--resources").label("<file>|-")
                .description("JSON file of the new limits, '-' for standard input; the other options are then ignored")
                .into(String.class, null, v -> resources = v)
                .option("--blkio-weight").label("<weight>")
                .description("block I/O weight, 10 to 1000")
                .into(String.class, null, v -> blkioWeight = v)
                .option("--cpu-period").label("<value>")
                .description("CFS period in microseconds (0: the system's)")
                .into(String.class, null, v -> cpuPeriod = v)
                .option("--cpu-quota").label("<value>")
                .description("CFS quota: the CPU time in microseconds the container may use in each period")
                .into(String.class, null, v -> cpuQuota = v)
                .option("--cpu-share").label("<value>")
                .description("CPU shares, its weight against other containers")
                .into(String.class, null, v -> cpuShare = v)
                .option("--cpu-rt-period").label("<value>")
                .description("real-time scheduling period in microseconds (0: the system's)")
                .into(String.class, null, v -> cpuRtPeriod = v)
                .option("--cpu-rt-runtime").label("<value>")
                .description("real-time CPU time in microseconds the container may use in each period")
                .into(String.class, null, v -> cpuRtRuntime = v)
                .option("--cpuset-cpus").label("<list>")
                .description("the CPUs it may run on (0-3,6)")
                .into(String.class, null, v -> cpusetCpus = v)
                .option("--cpuset-mems").label("<list>")
                .description("the memory nodes it may use")
                .into(String.class, null, v -> cpusetMems = v)
                .option("--kernel-memory").label("<bytes>")
                .description("kernel memory limit (cgroup v1)")
                .into(String.class, null, v -> kernelMemory = v)
                .option("--kernel-memory-tcp").label("<bytes>")
                .description("kernel memory limit for TCP buffers (cgroup v1)")
                .into(String.class, null, v -> kernelMemoryTcp = v)
                .option("--memory").label("<bytes>")
                .description("memory limit")
                .into(String.class, null, v -> memory = v)
                .option("--memory-reservation").label("<bytes>")
                .description("memory soft limit")
                .into(String.class, null, v -> memoryReservation = v)
                .option("--memory-swap").label("<bytes>")
                .description("limit of memory and swap together; -1 for unlimited swap")
                .into(String.class, null, v -> memorySwap = v)
                .option("--pids-limit").label("<value>")
                .description("most processes the container may have")
                .into(String.class, null, v -> pidsLimit = v)
                .option("--l3-cache-schema").label("<schema>")
                .description("Intel RDT L3 cache schema (not supported: refused)")
                .into(String.class, null, v -> l3CacheSchema = v)
                .option("--mem-bw-schema").label("<schema>")
                .description("Intel RDT memory bandwidth schema (not supported: refused)")
                .into(String.class, null, v -> memBwSchema = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        Resources requested;
        try {
            Optional<Resources> read = given(resources) ? fromDocument() : Optional.of(fromFlags());
            if (read.isEmpty()) {
                return ExitCodes.ERROR;
            }
            requested = read.get();
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        // jrunc has no Intel RDT (resctrl) support: the schemas are refused in runc's words for a host without it.
        if (given(l3CacheSchema)) {
            return fail("Intel RDT/CAT: l3 cache schema is not enabled");
        }
        if (given(memBwSchema)) {
            return fail("Intel RDT/MBA: memory bandwidth schema is not enabled");
        }
        return use(UpdateContainer.class).update(id, requested).fold(this::fail, updated -> ExitCodes.OK);
    }

    /** The document, or empty once its errors are logged, one per line, each with its JSON path. */
    private Optional<Resources> fromDocument() {
        byte[] json = readDocument();
        Validation<Seq<ConfigError>, Resources> parsed = ResourcesJson.parse(json);
        if (parsed.isInvalid()) {
            parsed.getError().forEach(error -> root.log().error(error.toString()));
            return Optional.empty();
        }
        return Optional.of(parsed.get());
    }

    private byte[] readDocument() {
        try {
            if (resources.equals("-")) {
                InputStream in = root.stdin();
                return in.readAllBytes();
            }
            return Files.readAllBytes(Path.of(resources));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("open " + resources + ": no such file or directory", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("read " + resources + ": " + e.getMessage(), e);
        }
    }

    private Resources fromFlags() {
        Resources.Builder b = Resources.builder();
        OptionalLong limit = size("memory", memory);
        OptionalLong reservation = size("memory-reservation", memoryReservation);
        OptionalLong swap = size("memory-swap", memorySwap);
        OptionalLong kernel = size("kernel-memory", kernelMemory);
        OptionalLong kernelTcp = size("kernel-memory-tcp", kernelMemoryTcp);
        if (anyPresent(limit, reservation, swap, kernel, kernelTcp)) {
            b.memory(new Memory(limit, reservation, swap, kernel, kernelTcp, OptionalLong.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        OptionalLong shares = number("cpu-share", cpuShare, GoValues::parseUint);
        OptionalLong quota = number("cpu-quota", cpuQuota, GoValues::parseInt);
        OptionalLong period = number("cpu-period", cpuPeriod, GoValues::parseUint);
        OptionalLong rtRuntime = number("cpu-rt-runtime", cpuRtRuntime, GoValues::parseInt);
        OptionalLong rtPeriod = number("cpu-rt-period", cpuRtPeriod, GoValues::parseUint);
        Optional<String> cpus = Optional.ofNullable(cpusetCpus).filter(s -> !s.isEmpty());
        Optional<String> mems = Optional.ofNullable(cpusetMems).filter(s -> !s.isEmpty());
        if (anyPresent(shares, quota, period, rtRuntime, rtPeriod) || cpus.isPresent() || mems.isPresent()) {
            b.cpu(new Cpu(shares, quota, OptionalLong.empty(), period, rtRuntime, rtPeriod, cpus, mems,
                    OptionalLong.empty()));
        }
        long weight = intFlag("blkio-weight", blkioWeight);
        if (weight != 0) {
            if (weight < 0 || weight > 0xFFFF) {
                throw new IllegalArgumentException("invalid value for blkio-weight: " + weight + " is out of range");
            }
            b.blockIO(new BlockIo(OptionalInt.of((int) weight), OptionalInt.empty(), List.of(), List.of(), List.of(),
                    List.of(), List.of()));
        }
        long pids = intFlag("pids-limit", pidsLimit);
        if (pids != 0) {
            b.pids(new Pids(pids));
        }
        return b.build();
    }

    private static boolean given(String value) {
        return value != null && !value.isEmpty();
    }

    private static boolean anyPresent(OptionalLong... values) {
        for (OptionalLong v : values) {
            if (v.isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** A size flag: "-1" is unlimited, anything else units.RAMInBytes. */
    private static OptionalLong size(String flag, String value) {
        if (!given(value)) {
            return OptionalLong.empty();
        }
        return value.equals("-1") ? OptionalLong.of(-1) : number(flag, value, GoValues::ramInBytes);
    }

    private static OptionalLong number(String flag, String value, ToLongFunction<String> parse) {
        if (!given(value)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(parse.applyAsLong(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for " + flag + ": " + e.getMessage(), e);
        }
    }

    /** runc's int flags are parsed by Go's flag package before the command runs; 0 (the default) means unset. */
    private static long intFlag(String flag, String value) {
        if (value == null) {
            return 0;
        }
        try {
            return GoValues.parseInt(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value " + GoValues.quote(value) + " for flag -" + flag
                    + ": parse error", e);
        }
    }
}

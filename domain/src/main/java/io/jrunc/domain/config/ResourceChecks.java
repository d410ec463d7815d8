package io.jrunc.domain.config;

import java.util.List;
import java.util.regex.Pattern;

/** Sanity checks on {@code linux.resources}: values the kernel would reject when the cgroup is written. */
final class ResourceChecks {
    private static final Pattern PAGE_SIZE = Pattern.compile("[1-9][0-9]*[KMG]B");
    private static final Pattern UNIFIED_KEY = Pattern.compile("[a-z_]+\\.[A-Za-z0-9_.]+");

    private ResourceChecks() {}

    // config-linux.md "Allowed Device list": access is any of 'r', 'w', 'm'. runc reads only those letters and
    // passes over any other (its own tests write "rwa"), so a rule must name one of them at least.
    static void devices(Spec spec, List<ConfigError> errors) {
        resources(spec).ifPresent(r -> {
            for (int i = 0; i < r.devices().size(); i++) {
                int index = i;
                r.devices().get(i).access().ifPresent(access -> {
                    if (access.chars().noneMatch(c -> c == 'r' || c == 'w' || c == 'm')) {
                        errors.add(new ConfigError("linux.resources.devices[" + index + "].access",
                                "must name at least one of r, w and m, got \"" + access + "\""));
                    }
                });
            }
        });
    }

    // runc cgroups/fs memory.go: "memory+swap limit should be >= memory limit" (-1 is unlimited on both sides),
    // and swappiness is a percentage.
    static void memory(Spec spec, List<ConfigError> errors) {
        resources(spec).flatMap(Resources::memory).ifPresent(m -> {
            if (m.limit().isPresent() && m.swap().isPresent()) {
                long limit = m.limit().getAsLong();
                long swap = m.swap().getAsLong();
                if (limit != -1 && swap != -1 && swap != 0 && swap < limit) {
                    errors.add(new ConfigError("linux.resources.memory.swap",
                            "memory+swap limit " + swap + " must not be below the memory limit " + limit));
                }
            }
            m.swappiness().ifPresent(s -> {
                if (Long.compareUnsigned(s, 100) > 0) {
                    errors.add(new ConfigError("linux.resources.memory.swappiness",
                            "must be between 0 and 100, got " + Long.toUnsignedString(s)));
                }
            });
        });
    }

    // Kernel ranges: cpu.shares 2..262144 (0 means unset to runc), cfs period 1ms..1s, cpu.idle 0 or 1.
    static void cpu(Spec spec, List<ConfigError> errors) {
        resources(spec).flatMap(Resources::cpu).ifPresent(c -> {
            c.shares().ifPresent(s -> {
                if (s != 0 && (Long.compareUnsigned(s, 2) < 0 || Long.compareUnsigned(s, 262144) > 0)) {
                    errors.add(new ConfigError("linux.resources.cpu.shares",
                            "must be between 2 and 262144, got " + Long.toUnsignedString(s)));
                }
            });
            c.period().ifPresent(p -> {
                if (p != 0 && (Long.compareUnsigned(p, 1000) < 0 || Long.compareUnsigned(p, 1_000_000) > 0)) {
                    errors.add(new ConfigError("linux.resources.cpu.period",
                            "must be between 1000 and 1000000 microseconds, got " + Long.toUnsignedString(p)));
                }
            });
            c.quota().ifPresent(q -> {
                if (q != -1 && q != 0 && q < 1000) {
                    errors.add(new ConfigError("linux.resources.cpu.quota",
                            "must be -1 or at least 1000 microseconds, got " + q));
                }
            });
            c.idle().ifPresent(idle -> {
                if (idle != 0 && idle != 1) {
                    errors.add(new ConfigError("linux.resources.cpu.idle", "must be 0 or 1, got " + idle));
                }
            });
        });
    }

    // blkio.weight and blkio.leaf_weight accept 10..1000 (0 means unset to runc), per cgroup and per device.
    static void blockIo(Spec spec, List<ConfigError> errors) {
        resources(spec).flatMap(Resources::blockIO).ifPresent(b -> {
            String path = "linux.resources.blockIO";
            b.weight().ifPresent(w -> weight(path + ".weight", w, errors));
            b.leafWeight().ifPresent(w -> weight(path + ".leafWeight", w, errors));
            for (int i = 0; i < b.weightDevice().size(); i++) {
                String devicePath = path + ".weightDevice[" + i + "]";
                b.weightDevice().get(i).weight().ifPresent(w -> weight(devicePath + ".weight", w, errors));
                b.weightDevice().get(i).leafWeight().ifPresent(w -> weight(devicePath + ".leafWeight", w, errors));
            }
        });
    }

    private static void weight(String path, int weight, List<ConfigError> errors) {
        if (weight != 0 && (weight < 10 || weight > 1000)) {
            errors.add(new ConfigError(path, "must be between 10 and 1000, got " + weight));
        }
    }

    // config-linux.md "Huge page limits": pageSize has the format <size><unit-prefix>B, e.g. 64KB, 2MB, 1GB.
    static void hugepages(Spec spec, List<ConfigError> errors) {
        resources(spec).ifPresent(r -> {
            for (int i = 0; i < r.hugepageLimits().size(); i++) {
                String size = r.hugepageLimits().get(i).pageSize();
                if (!PAGE_SIZE.matcher(size).matches()) {
                    errors.add(new ConfigError("linux.resources.hugepageLimits[" + i + "].pageSize",
                            "must look like 2MB or 1GB, got \"" + size + "\""));
                }
            }
        });
    }

    // config-linux.md "Unified": keys are cgroup v2 file names, "<controller>.<name>"; runc refuses anything
    // that could name a file outside the container's cgroup directory.
    static void unified(Spec spec, List<ConfigError> errors) {
        resources(spec).ifPresent(r -> r.unified().keySet().forEach(key -> {
            if (!UNIFIED_KEY.matcher(key).matches()) {
                errors.add(new ConfigError("linux.resources.unified[\"" + key + "\"]",
                        "is not a cgroup v2 file name of the form <controller>.<name>"));
            }
        }));
    }

    private static java.util.Optional<Resources> resources(Spec spec) {
        return spec.linux().flatMap(Linux::resources);
    }
}

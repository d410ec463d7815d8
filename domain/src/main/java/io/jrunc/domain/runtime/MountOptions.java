package io.jrunc.domain.runtime;

import io.jrunc.ports.model.MountFlag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a mount's options, as config.json lists them, into mount(2) flags, propagation flags and the data
 * string the filesystem parses itself. The table is the one runc's specconv uses, so the same config
 * mounts the same way under both runtimes.
 */
public final class MountOptions {
    /** An option that sets (or, with {@code clear}, clears) a flag. */
    private record FlagOption(MountFlag flag, boolean clear) {
    }

    private static final Map<String, FlagOption> FLAGS = Map.ofEntries(
            Map.entry("ro", new FlagOption(MountFlag.MS_RDONLY, false)),
            Map.entry("rw", new FlagOption(MountFlag.MS_RDONLY, true)),
            Map.entry("nosuid", new FlagOption(MountFlag.MS_NOSUID, false)),
            Map.entry("suid", new FlagOption(MountFlag.MS_NOSUID, true)),
            Map.entry("nodev", new FlagOption(MountFlag.MS_NODEV, false)),
            Map.entry("dev", new FlagOption(MountFlag.MS_NODEV, true)),
            Map.entry("noexec", new FlagOption(MountFlag.MS_NOEXEC, false)),
            Map.entry("exec", new FlagOption(MountFlag.MS_NOEXEC, true)),
            Map.entry("sync", new FlagOption(MountFlag.MS_SYNCHRONOUS, false)),
            Map.entry("async", new FlagOption(MountFlag.MS_SYNCHRONOUS, true)),
            Map.entry("dirsync", new FlagOption(MountFlag.MS_DIRSYNC, false)),
            Map.entry("remount", new FlagOption(MountFlag.MS_REMOUNT, false)),
            Map.entry("mand", new FlagOption(MountFlag.MS_MANDLOCK, false)),
            Map.entry("nomand", new FlagOption(MountFlag.MS_MANDLOCK, true)),
            Map.entry("noatime", new FlagOption(MountFlag.MS_NOATIME, false)),
            Map.entry("atime", new FlagOption(MountFlag.MS_NOATIME, true)),
            Map.entry("nodiratime", new FlagOption(MountFlag.MS_NODIRATIME, false)),
            Map.entry("diratime", new FlagOption(MountFlag.MS_NODIRATIME, true)),
            Map.entry("bind", new FlagOption(MountFlag.MS_BIND, false)),
            Map.entry("relatime", new FlagOption(MountFlag.MS_RELATIME, false)),
            Map.entry("norelatime", new FlagOption(MountFlag.MS_RELATIME, true)),
            Map.entry("strictatime", new FlagOption(MountFlag.MS_STRICTATIME, false)),
            Map.entry("nostrictatime", new FlagOption(MountFlag.MS_STRICTATIME, true)),
            Map.entry("lazytime", new FlagOption(MountFlag.MS_LAZYTIME, false)),
            Map.entry("nolazytime", new FlagOption(MountFlag.MS_LAZYTIME, true)),
            Map.entry("nosymfollow", new FlagOption(MountFlag.MS_NOSYMFOLLOW, false)),
            Map.entry("symfollow", new FlagOption(MountFlag.MS_NOSYMFOLLOW, true)),
            Map.entry("silent", new FlagOption(MountFlag.MS_SILENT, false)),
            Map.entry("loud", new FlagOption(MountFlag.MS_SILENT, true)));

    private static final Map<String, Set<MountFlag>> PROPAGATION = Map.of(
            "private", EnumSet.of(MountFlag.MS_PRIVATE),
            "rprivate", EnumSet.of(MountFlag.MS_PRIVATE, MountFlag.MS_REC),
            "shared", EnumSet.of(MountFlag.MS_SHARED),
            "rshared", EnumSet.of(MountFlag.MS_SHARED, MountFlag.MS_REC),
            "slave", EnumSet.of(MountFlag.MS_SLAVE),
            "rslave", EnumSet.of(MountFlag.MS_SLAVE, MountFlag.MS_REC),
            "unbindable", EnumSet.of(MountFlag.MS_UNBINDABLE),
            "runbindable", EnumSet.of(MountFlag.MS_UNBINDABLE, MountFlag.MS_REC));

    private MountOptions() {
    }

    /** runc's extension: the destination's content is copied into the new filesystem (see MountSpec). */
    public static final String TMPCOPYUP = "tmpcopyup";

    /**
     * runtime-spec 1.2's id-mapped bind (MountSpec's idmap): the mount's mappings, or the container's user
     * namespace's where it has none; {@code ridmap} maps an rbind's submounts too. Never filesystem data.
     */
    public static final String IDMAP = "idmap";
    public static final String RIDMAP = "ridmap";

    /** The parsed options of one mount. */
    public record Parsed(Set<MountFlag> flags, List<Set<MountFlag>> propagation, String data, boolean copyUp) {
    }

    public static Parsed parse(List<String> options) {
        EnumSet<MountFlag> flags = EnumSet.noneOf(MountFlag.class);
        List<Set<MountFlag>> propagation = new ArrayList<>();
        List<String> data = new ArrayList<>();
        boolean copyUp = false;
        for (String option : options) {
            if (option.equals(TMPCOPYUP)) {
                copyUp = true;
            } else if (option.equals(IDMAP) || option.equals(RIDMAP)) {
                continue; // read by SpecConversion, with the mount's mappings
            } else if (option.equals("rbind")) {
                flags.add(MountFlag.MS_BIND);
                flags.add(MountFlag.MS_REC);
            } else if (FLAGS.containsKey(option)) {
                FlagOption f = FLAGS.get(option);
                if (f.clear()) {
                    flags.remove(f.flag());
                } else {
                    flags.add(f.flag());
                }
            } else if (PROPAGATION.containsKey(option)) {
                propagation.add(Set.copyOf(PROPAGATION.get(option)));
            } else {
                data.add(option);
            }
        }
        return new Parsed(Set.copyOf(flags), List.copyOf(propagation), String.join(",", data), copyUp);
    }

    /**
     * Every option word the tables give a meaning to (flags, {@code rbind}, propagations), sorted: what
     * {@code features} advertises. Any other word goes to the filesystem as data, which only it can judge.
     */
    public static List<String> known() {
        java.util.TreeSet<String> known = new java.util.TreeSet<>(FLAGS.keySet());
        known.add("rbind");
        known.add(TMPCOPYUP);
        known.add(IDMAP);
        known.add(RIDMAP);
        known.addAll(PROPAGATION.keySet());
        return List.copyOf(known);
    }

    /** The propagation flags of one rootfsPropagation / option word, if it is one. */
    public static Set<MountFlag> propagationOf(String word) {
        Set<MountFlag> p = PROPAGATION.get(word);
        return p == null ? Set.of() : Set.copyOf(p);
    }
}

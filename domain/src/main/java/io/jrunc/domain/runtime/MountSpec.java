package io.jrunc.domain.runtime;

import io.jrunc.ports.model.MountFlag;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the container's mount table, its options already parsed.
 *
 * @param destination absolute path inside the container
 * @param propagation propagation changes applied after the mount, in order
 * @param copyUp      runc's {@code tmpcopyup}: what the image has at the destination is copied into the new
 *                    filesystem (a tmpfs over /etc or /run keeps the image's files, writable)
 * @param idmap       an id-mapped bind's mapping; empty for every other mount
 */
public record MountSpec(String source, String destination, String type, Set<MountFlag> flags,
                        List<Set<MountFlag>> propagation, String data, boolean copyUp,
                        java.util.Optional<MountIdmap> idmap) {
    public MountSpec {
        Objects.requireNonNull(idmap, "idmap");
        Objects.requireNonNull(destination, "destination");
        source = source == null ? "" : source;
        type = type == null ? "" : type;
        data = data == null ? "" : data;
        flags = Set.copyOf(flags);
        propagation = List.copyOf(propagation);
    }

    public MountSpec(String source, String destination, String type, Set<MountFlag> flags,
                     List<Set<MountFlag>> propagation, String data, boolean copyUp) {
        this(source, destination, type, flags, propagation, data, copyUp, java.util.Optional.empty());
    }

    public MountSpec(String source, String destination, String type, Set<MountFlag> flags,
                     List<Set<MountFlag>> propagation, String data) {
        this(source, destination, type, flags, propagation, data, false);
    }

    public MountSpec withSource(String newSource) {
        return new MountSpec(newSource, destination, type, flags, propagation, data, copyUp, idmap);
    }

    public MountSpec withData(String newData) {
        return new MountSpec(source, destination, type, flags, propagation, newData, copyUp, idmap);
    }

    public MountSpec withIdmap(java.util.Optional<MountIdmap> newIdmap) {
        return new MountSpec(source, destination, type, flags, propagation, data, copyUp, newIdmap);
    }

    public boolean isBind() {
        return flags.contains(MountFlag.MS_BIND);
    }

    public static MountSpec of(String source, String destination, String type, List<String> options) {
        MountOptions.Parsed p = MountOptions.parse(options);
        return new MountSpec(source, destination, type, p.flags(), p.propagation(), p.data(), p.copyUp());
    }
}

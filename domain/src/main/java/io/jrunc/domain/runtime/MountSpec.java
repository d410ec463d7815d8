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
 */
public record MountSpec(String source, String destination, String type, Set<MountFlag> flags,
                        List<Set<MountFlag>> propagation, String data, boolean copyUp) {
    public MountSpec {
        Objects.requireNonNull(destination, "destination");
        source = source == null ? "" : source;
        type = type == null ? "" : type;
        data = data == null ? "" : data;
        flags = Set.copyOf(flags);
        propagation = List.copyOf(propagation);
    }

    public MountSpec(String source, String destination, String type, Set<MountFlag> flags,
                     List<Set<MountFlag>> propagation, String data) {
        this(source, destination, type, flags, propagation, data, false);
    }

    public MountSpec withSource(String newSource) {
        return new MountSpec(newSource, destination, type, flags, propagation, data, copyUp);
    }

    public MountSpec withData(String newData) {
        return new MountSpec(source, destination, type, flags, propagation, newData, copyUp);
    }

    public boolean isBind() {
        return flags.contains(MountFlag.MS_BIND);
    }

    public static MountSpec of(String source, String destination, String type, List<String> options) {
        MountOptions.Parsed p = MountOptions.parse(options);
        return new MountSpec(source, destination, type, p.flags(), p.propagation(), p.data(), p.copyUp());
    }
}

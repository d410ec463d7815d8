package io.jrunc.ports.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** One mount(2) call: source, target, filesystem type, flags and the data string. */
public record MountRequest(String source, String target, String fstype, Set<MountFlag> flags, String data) {
    public MountRequest {
        Objects.requireNonNull(target, "target");
        source = source == null ? "" : source;
        fstype = fstype == null ? "" : fstype;
        data = data == null ? "" : data;
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public static MountRequest of(String source, String target, String fstype, Set<MountFlag> flags, String data) {
        return new MountRequest(source, target, fstype, flags, data);
    }

    /** A change of propagation type only (MS_PRIVATE, MS_SLAVE, MS_SHARED, MS_UNBINDABLE, with or without MS_REC). */
    public static MountRequest propagation(String target, Set<MountFlag> flags) {
        return new MountRequest("", target, "", flags, "");
    }

    public long flagBits() {
        return MountFlag.bits(flags);
    }

    /** runc's mountError style, {@code src=…, dst=…, type=…, flags=…}, with the flags by name. */
    @Override
    public String toString() {
        String names = flags.isEmpty() ? "0" : flags.stream().sorted().map(Enum::name)
                .collect(java.util.stream.Collectors.joining("|"));
        return "src=" + source + ", dst=" + target
                + (fstype.isEmpty() ? "" : ", type=" + fstype)
                + ", flags=" + names
                + (data.isEmpty() ? "" : ", data=" + data);
    }
}

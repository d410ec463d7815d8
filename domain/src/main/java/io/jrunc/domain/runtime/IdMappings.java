package io.jrunc.domain.runtime;

import io.jrunc.domain.config.IdMapping;
import java.util.List;
import java.util.OptionalLong;

/**
 * A new user namespace's uid and gid ranges (linux.uidMappings, linux.gidMappings), as its uid_map and gid_map
 * files take them: one "container host size" line per range, written at once.
 */
public record IdMappings(List<IdMapping> uids, List<IdMapping> gids) {
    /** No user namespace of the container's own. */
    public static final IdMappings NONE = new IdMappings(List.of(), List.of());

    public IdMappings {
        uids = List.copyOf(uids);
        gids = List.copyOf(gids);
    }

    public String uidMap() {
        return lines(uids);
    }

    public String gidMap() {
        return lines(gids);
    }

    /** The host uid that {@code containerUid} is in the namespace, if a range maps it. */
    public OptionalLong hostUid(long containerUid) {
        return host(uids, containerUid);
    }

    public OptionalLong hostGid(long containerGid) {
        return host(gids, containerGid);
    }

    private static OptionalLong host(List<IdMapping> ranges, long id) {
        for (IdMapping m : ranges) {
            if (id >= m.containerID() && id - m.containerID() < m.size()) {
                return OptionalLong.of(m.hostID() + (id - m.containerID()));
            }
        }
        return OptionalLong.empty();
    }

    private static String lines(List<IdMapping> ranges) {
        StringBuilder text = new StringBuilder();
        for (IdMapping m : ranges) {
            text.append(m.containerID()).append(' ').append(m.hostID()).append(' ').append(m.size()).append('\n');
        }
        return text.toString();
    }
}

package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Who the process runs as. Ids are uint32; {@code username} is for Windows only. */
public record User(long uid, long gid, OptionalLong umask, List<Long> additionalGids, Optional<String> username) {
    public User {
        requireNonNull(umask, "umask");
        additionalGids = Copies.list(additionalGids);
        requireNonNull(username, "username");
    }

    public static User of(long uid, long gid) {
        return new User(uid, gid, OptionalLong.empty(), List.of(), Optional.empty());
    }
}

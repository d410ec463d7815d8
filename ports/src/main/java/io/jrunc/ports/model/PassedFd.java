package io.jrunc.ports.model;

import java.util.Objects;

/** An fd received in an SCM_RIGHTS message, and the message's payload (the sender's name for the file). */
public record PassedFd(int fd, String name) {
    public PassedFd {
        Objects.requireNonNull(name, "name");
    }
}

package io.jrunc.ports;

import java.util.Optional;

/** Reads and writes under /proc/[pid]: side effects too, so they go through a port. */
public interface ProcFs {
    /** Writes {@code value} to /proc/[pid]/{relativePath}; pid 0 means self. */
    void write(int pid, String relativePath, String value);

    /** Reads /proc/[pid]/{relativePath}; empty when the file does not exist. */
    Optional<String> read(int pid, String relativePath);

    /** Writes /proc/sys/{key with dots as slashes} of the caller's namespaces. */
    void writeSysctl(String key, String value);
}

package io.jrunc.domain.config;

/** A uid/gid range mapping (uint32 values) for user namespaces and id-mapped mounts. */
public record IdMapping(long containerID, long hostID, long size) {}

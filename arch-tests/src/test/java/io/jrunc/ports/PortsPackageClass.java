package io.jrunc.ports;

/** Breaks: io.jrunc.ports holds only interfaces (values belong in io.jrunc.ports.model). */
final class PortsPackageClass {}

package io.jrunc.cli.archfixture;

import org.freedesktop.dbus.types.Variant;

/** Breaks: dbus-java types stay in the systemd cgroup driver. */
final class CliUsingDbus {
    Variant<String> leaked;
}

package org.freedesktop.systemd1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** systemd's error {@code org.freedesktop.systemd1.NoSuchUnit}, for the fake manager (see {@link UnitExists}). */
public class NoSuchUnit extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    public NoSuchUnit(String message) {
        super(message);
    }
}

package org.freedesktop.systemd1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * systemd's error {@code org.freedesktop.systemd1.UnitExists}, for the fake manager: dbus-java names an error
 * after the exception's class, so the class lives in the package that gives it systemd's name.
 */
public class UnitExists extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    public UnitExists(String message) {
        super(message);
    }
}

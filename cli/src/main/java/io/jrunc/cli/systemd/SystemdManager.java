package io.jrunc.cli.systemd;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/**
 * The part of systemd's {@code org.freedesktop.systemd1.Manager} (object {@code /org/freedesktop/systemd1})
 * that the cgroup driver calls. Methods that return a job return its object path; the job's result comes
 * later, in a {@link JobRemoved} signal.
 */
@DBusInterfaceName(SystemdManager.INTERFACE)
public interface SystemdManager extends DBusInterface {
    String BUS_NAME = "org.freedesktop.systemd1";
    String OBJECT_PATH = "/org/freedesktop/systemd1";
    String INTERFACE = "org.freedesktop.systemd1.Manager";

    /** {@code StartTransientUnit(s name, s mode, a(sv) properties, a(sa(sv)) aux) -> o job}. */
    DBusPath StartTransientUnit(String name, String mode, List<UnitProperty> properties, List<AuxUnit> aux);

    /** {@code StopUnit(s name, s mode) -> o job}. */
    DBusPath StopUnit(String name, String mode);

    /** {@code SetUnitProperties(s name, b runtime, a(sv) properties)}. */
    void SetUnitProperties(String name, boolean runtime, List<UnitProperty> properties);

    /** {@code ResetFailedUnit(s name)}: lets systemd forget a failed unit, so its name can be used again. */
    void ResetFailedUnit(String name);

    /** {@code JobRemoved(u id, o job, s unit, s result)}: result is "done", "canceled", "timeout", "failed", … */
    class JobRemoved extends DBusSignal {
        private final DBusPath job;
        private final String unit;
        private final String result;

        public JobRemoved(String path, UInt32 id, DBusPath job, String unit, String result) throws DBusException {
            super(path, id, job, unit, result);
            this.job = job;
            this.unit = unit;
            this.result = result;
        }

        public DBusPath job() {
            return job;
        }

        public String unit() {
            return unit;
        }

        public String result() {
            return result;
        }
    }
}

package io.jrunc.cli.systemd;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;

/**
 * One connection to systemd's manager: unit jobs started and waited for, as runc's driver does it through
 * go-systemd. A connection is opened per operation and closed after it; jrunc is a short-lived process.
 */
final class SystemdBus implements AutoCloseable {
    static final String UNIT_EXISTS = "org.freedesktop.systemd1.UnitExists";
    static final String NO_SUCH_UNIT = "org.freedesktop.systemd1.NoSuchUnit";

    private final DBusConnection connection;
    private final SystemdManager manager;
    private final AutoCloseable jobWatch;
    /** Job path to its result; a JobRemoved may arrive before the call that queued the job has returned. */
    private final Map<String, CompletableFuture<String>> jobs = new ConcurrentHashMap<>();

    private SystemdBus(DBusConnection connection) throws DBusException {
        this.connection = connection;
        // Watch before any job is queued: systemd sends JobRemoved to the client that queued the job.
        this.jobWatch = connection.addSigHandler(SystemdManager.JobRemoved.class,
                signal -> job(signal.job().getPath()).complete(signal.result()));
        this.manager = connection.getRemoteObject(SystemdManager.BUS_NAME, SystemdManager.OBJECT_PATH,
                SystemdManager.class);
    }

    /** Connects to the bus at a D-Bus address such as {@code unix:path=/run/dbus/system_bus_socket}. */
    static SystemdBus connect(String address) {
        DBusConnection connection = null;
        try {
            // One attempt: dbus-java would retry a missing socket for ten seconds, and systemd's bus is there or not.
            connection = DBusConnectionBuilder.forAddress(address).withShared(false)
                    .transportConfig().withTimeout(0).back().build();
            return new SystemdBus(connection);
        } catch (DBusException | RuntimeException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new SystemdException("cannot connect to systemd over D-Bus at " + address + ": "
                    + messageOf(e), e);
        }
    }

    /** systemd's version number ("v255.4-1" is 255), or -1 when it cannot be read, as runc takes it. */
    int version() {
        try {
            Properties properties = connection.getRemoteObject(SystemdManager.BUS_NAME, SystemdManager.OBJECT_PATH,
                    Properties.class);
            Object version = properties.Get(SystemdManager.INTERFACE, "Version");
            return parseVersion(String.valueOf(version));
        } catch (DBusException | DBusExecutionException e) {
            return -1;
        }
    }

    static int parseVersion(String text) {
        String digits = text.replaceFirst("^[\"v]+", "").replaceFirst("[^0-9].*$", "");
        try {
            return digits.isEmpty() ? -1 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Queues the start of a transient unit; returns the job, or throws the D-Bus error (its name kept). */
    String startTransientUnit(String unit, List<UnitProperty> properties) {
        return manager.StartTransientUnit(unit, "replace", properties, List.of()).getPath();
    }

    String stopUnit(String unit) {
        return manager.StopUnit(unit, "replace").getPath();
    }

    void setUnitProperties(String unit, List<UnitProperty> properties) {
        manager.SetUnitProperties(unit, true, properties);
    }

    void resetFailedUnit(String unit) {
        manager.ResetFailedUnit(unit);
    }

    /** The job's result ("done", "failed", …), or a TimeoutException once {@code timeout} has passed. */
    String awaitJob(String job, Duration timeout) throws TimeoutException {
        try {
            return job(job).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            jobs.remove(job);
        }
    }

    private CompletableFuture<String> job(String path) {
        return jobs.computeIfAbsent(path, p -> new CompletableFuture<>());
    }

    static boolean isError(DBusExecutionException e, String name) {
        return e.getType() != null && e.getType().contains(name);
    }

    static String messageOf(Throwable e) {
        return e.getMessage() == null || e.getMessage().isEmpty() ? e.toString() : e.getMessage();
    }

    @Override
    public void close() {
        try {
            jobWatch.close();
        } catch (Exception e) {
            // The connection goes next; a handler left on it goes with it.
        }
        try {
            connection.close();
        } catch (IOException e) {
            connection.disconnect();
        }
    }
}

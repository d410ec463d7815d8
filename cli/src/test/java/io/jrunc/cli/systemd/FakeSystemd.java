package io.jrunc.cli.systemd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.freedesktop.systemd1.NoSuchUnit;
import org.freedesktop.systemd1.UnitExists;

/**
 * systemd's manager as far as the cgroup driver uses it, on a test's private bus: it records every call, keeps
 * the set of units it has started, and answers each job with a JobRemoved signal, as systemd does.
 */
final class FakeSystemd implements SystemdManager, Properties, AutoCloseable {
    /** One method call as it arrived over the bus. */
    record Call(String method, String unit, String mode, List<UnitProperty> properties) {
    }

    private final DBusConnection connection;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> units = new HashSet<>();
    private final AtomicInteger jobs = new AtomicInteger();
    volatile String version = "252.30-1~deb12u2";
    /** The result each job ends with; null: the job never ends (no JobRemoved). */
    volatile String jobResult = "done";
    /** Send JobRemoved before the call that queued the job has returned (systemd may). */
    volatile boolean signalBeforeReply;
    /** How many StartTransientUnit calls of an existing unit answer UnitExists even after ResetFailedUnit. */
    volatile int stubbornExists;

    private FakeSystemd(DBusConnection connection) {
        this.connection = connection;
    }

    static FakeSystemd on(String address) throws DBusException {
        DBusConnection connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        FakeSystemd fake = new FakeSystemd(connection);
        connection.requestBusName(BUS_NAME);
        connection.exportObject(OBJECT_PATH, fake);
        return fake;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    synchronized void addUnit(String unit) {
        units.add(unit);
    }

    synchronized boolean hasUnit(String unit) {
        return units.contains(unit);
    }

    @Override
    public DBusPath StartTransientUnit(String name, String mode, List<UnitProperty> properties, List<AuxUnit> aux) {
        calls.add(new Call("StartTransientUnit", name, mode, List.copyOf(properties)));
        synchronized (this) {
            if (units.contains(name)) {
                throw new UnitExists("Unit " + name + " was already loaded or has a fragment file.");
            }
            if ("done".equals(jobResult)) {
                units.add(name);
            }
        }
        return job(name);
    }

    @Override
    public DBusPath StopUnit(String name, String mode) {
        calls.add(new Call("StopUnit", name, mode, List.of()));
        synchronized (this) {
            if (!units.remove(name)) {
                throw new NoSuchUnit("Unit " + name + " not loaded.");
            }
        }
        return job(name);
    }

    @Override
    public void SetUnitProperties(String name, boolean runtime, List<UnitProperty> properties) {
        calls.add(new Call("SetUnitProperties", name, runtime ? "runtime" : "persistent", List.copyOf(properties)));
        if (!hasUnit(name)) {
            throw new NoSuchUnit("Unit " + name + " not loaded.");
        }
    }

    @Override
    public void ResetFailedUnit(String name) {
        calls.add(new Call("ResetFailedUnit", name, "", List.of()));
        synchronized (this) {
            if (stubbornExists > 0) {
                stubbornExists--;
            } else {
                units.remove(name);
            }
        }
    }

    private DBusPath job(String unit) {
        int id = jobs.incrementAndGet();
        DBusPath job = new DBusPath(OBJECT_PATH + "/job/" + id);
        String result = jobResult;
        if (result == null) {
            return job;
        }
        Runnable send = () -> {
            try {
                connection.sendMessage(new JobRemoved(OBJECT_PATH, new UInt32(id), job, unit, result));
            } catch (DBusException e) {
                throw new IllegalStateException(e);
            }
        };
        if (signalBeforeReply) {
            send.run();
        } else {
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                send.run();
            });
            sender.setDaemon(true);
            sender.start();
        }
        return job;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String property) {
        if (INTERFACE.equals(iface) && "Version".equals(property)) {
            return (A) version;
        }
        throw new IllegalArgumentException("no property " + iface + "." + property);
    }

    @Override
    public <A> void Set(String iface, String property, A value) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return Map.of("Version", new Variant<>(version));
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    /** Property name to "signature value", for assertions that read as systemctl show would. */
    static Map<String, String> byName(List<UnitProperty> properties) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (UnitProperty p : properties) {
            map.put(p.name(), p.value().getSig() + " " + render(p.value().getValue()));
        }
        return map;
    }

    /** Bytes (ay, which arrives as byte[] or as a list of Byte) in hex, the rest as the value prints. */
    private static String render(Object value) {
        List<Object> bytes = new ArrayList<>();
        if (value instanceof byte[] array) {
            for (byte b : array) {
                bytes.add(b);
            }
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Byte) {
            bytes.addAll(list);
        } else {
            return String.valueOf(value);
        }
        List<String> hex = new ArrayList<>();
        for (Object b : bytes) {
            hex.add(String.format("0x%02x", (Byte) b));
        }
        return hex.toString();
    }
}

package io.jrunc.domain.lifecycle;

import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Network;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * linux.netDevices on their way back to the host when the container is deleted (or its create fails): while
 * its init still holds the network namespace, from a thread that has joined it, each link (by its name there)
 * into the runtime's own namespace, under its host name. Once the namespace is gone the kernel has decided for
 * them (a physical link returns to the host's first namespace, a virtual one such as a dummy is deleted), so a
 * container whose init exited by itself has nothing left to move.
 */
public final class NetDevices {
    private final Namespaces namespaces;
    private final Network network;
    private final StateStore store;

    public NetDevices(Namespaces namespaces, Network network, StateStore store) {
        this.namespaces = namespaces;
        this.network = network;
        this.store = store;
    }

    /** Writes down what create moved ({@code devices}: host name to name in the container), for delete. */
    void remember(String id, Map<String, String> devices) {
        if (devices.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        devices.forEach((host, name) -> lines.append(name).append(' ').append(host).append('\n'));
        store.writeFile(id, StateFiles.NET_DEVICES, lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Moves back what create moved for container {@code id}, whose init {@code pid} still runs. */
    void moveBack(String id, int pid) {
        Map<String, String> devices = new LinkedHashMap<>();
        store.readFile(id, StateFiles.NET_DEVICES).ifPresent(content -> new String(content, StandardCharsets.UTF_8)
                .lines().map(line -> line.split(" ", 2)).filter(f -> f.length == 2)
                .forEach(f -> devices.put(f[1], f[0])));
        moveBack(devices, pid);
    }

    /** {@code devices}: host name to name in the container. Best effort: a link gone already is passed over. */
    void moveBack(Map<String, String> devices, int pid) {
        if (devices.isEmpty() || pid <= 0) {
            return;
        }
        int self = (int) ProcessHandle.current().pid();
        Thread mover = new Thread(() -> {
            try {
                // A throwaway thread: it keeps the container's network namespace and dies with it.
                namespaces.setns("/proc/" + pid + "/ns/net", Namespace.NET);
            } catch (SyscallException e) {
                return; // the init and its namespace are gone: nothing left to move
            }
            devices.forEach((host, name) -> {
                try {
                    network.moveLink(name, self, host);
                } catch (SyscallException e) {
                    // deleted with a namespace, renamed by the container, or a host link of that name came back
                }
            });
        }, "net-devices-" + pid);
        mover.setDaemon(true);
        mover.start();
        try {
            mover.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.jrunc.ports;

import io.jrunc.ports.model.RouteRequest;

/** Links and routes of the caller's network namespace. */
public interface Network {
    /** Sets IFF_UP on the link (a new network namespace has "lo" down). */
    void linkUp(String name);

    void addRoute(RouteRequest route);

    /**
     * Moves link {@code name} of the calling thread's namespace into the network namespace of process {@code pid},
     * named {@code newName} there (RTM_NEWLINK with IFLA_NET_NS_PID and IFLA_IFNAME). The kernel takes the link
     * down as it moves it, and drops its addresses. ENODEV when there is no such link; EEXIST when the other
     * namespace has a link of that name.
     */
    void moveLink(String name, int pid, String newName);
}

package io.jrunc.ports;

import io.jrunc.ports.model.RouteRequest;

/** Links and routes of the caller's network namespace. */
public interface Network {
    /** Sets IFF_UP on the link (a new network namespace has "lo" down). */
    void linkUp(String name);

    void addRoute(RouteRequest route);
}

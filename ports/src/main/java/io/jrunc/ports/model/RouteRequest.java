package io.jrunc.ports.model;

/**
 * One route for the routing table.
 *
 * @param destination CIDR, e.g. "0.0.0.0/0"
 * @param gateway     an address, or "" for a link route
 */
public record RouteRequest(String destination, String gateway, String interfaceName) {
}

package io.jrunc.domain.config;

import java.util.List;

/** The five capability sets of the process, in the order config.json lists them. */
public record Capabilities(List<Capability> bounding, List<Capability> effective, List<Capability> inheritable,
                           List<Capability> permitted, List<Capability> ambient) {
    public Capabilities {
        bounding = Copies.list(bounding);
        effective = Copies.list(effective);
        inheritable = Copies.list(inheritable);
        permitted = Copies.list(permitted);
        ambient = Copies.list(ambient);
    }
}

package io.jrunc.domain.runtime;

import java.util.Set;

/**
 * The process's five capability sets, by number (CAP_CHOWN = 0 …). A config without "capabilities" gets
 * every set empty, as runc gives it: no capability is kept by accident.
 */
public record CapabilitySets(Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                             Set<Integer> inheritable, Set<Integer> ambient) {
    public CapabilitySets {
        bounding = Set.copyOf(bounding);
        effective = Set.copyOf(effective);
        permitted = Set.copyOf(permitted);
        inheritable = Set.copyOf(inheritable);
        ambient = Set.copyOf(ambient);
    }

    public static CapabilitySets none() {
        return new CapabilitySets(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }
}

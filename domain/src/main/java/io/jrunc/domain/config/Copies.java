package io.jrunc.domain.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies that keep the model's promise: collections are never null and never mutable. */
final class Copies {
    private Copies() {}

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Keeps the author's order (Map.copyOf would not), so messages and round trips stay predictable. */
    static <K, V> Map<K, V> map(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        map.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new NullPointerException("null key or value in " + map);
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

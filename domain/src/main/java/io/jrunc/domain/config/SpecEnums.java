package io.jrunc.domain.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reverse lookup from a config.json string to its {@link SpecEnum} constant. */
public final class SpecEnums {
    private static final ClassValue<Map<String, Enum<?>>> BY_SPEC = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            var byName = new HashMap<String, Enum<?>>();
            for (Object constant : type.getEnumConstants()) {
                byName.put(((SpecEnum) constant).spec(), (Enum<?>) constant);
            }
            return Map.copyOf(byName);
        }
    };

    private SpecEnums() {}

    /** The constant whose spec string is exactly {@code value} (case-sensitive, as runc compares). */
    public static <E extends Enum<E> & SpecEnum> Optional<E> parse(Class<E> type, String value) {
        return Optional.ofNullable(BY_SPEC.get(type).get(value)).map(type::cast);
    }
}

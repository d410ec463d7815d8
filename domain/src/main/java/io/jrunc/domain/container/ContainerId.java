package io.jrunc.domain.container;

import io.vavr.control.Either;
import java.util.regex.Pattern;

/**
 * A container's id, checked as runc checks it: it names a directory under the runtime's root, so it may
 * hold letters, digits and {@code _ + - .} only, and may not be {@code .} or {@code ..}. Its length is the
 * state store's to judge, as in runc, where the kernel refuses a name longer than NAME_MAX.
 */
public final class ContainerId {
    private static final Pattern ALLOWED = Pattern.compile("^[\\w+\\-.]+$");

    private final String value;

    private ContainerId(String value) {
        this.value = value;
    }

    public static Either<LifecycleError, ContainerId> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Either.left(new LifecycleError.InvalidId("container id cannot be empty"));
        }
        if (text.equals(".") || text.equals("..") || !ALLOWED.matcher(text).matches()) {
            return Either.left(new LifecycleError.InvalidId("invalid container ID format"));
        }
        return Either.right(new ContainerId(text));
    }

    /** For ids already known to be valid (read back from the state store). */
    public static ContainerId of(String text) {
        return parse(text).getOrElseThrow(e -> new IllegalArgumentException(e.message()));
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerId && ((ContainerId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}

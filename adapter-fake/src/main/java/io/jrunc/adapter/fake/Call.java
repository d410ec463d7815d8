package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One call a port received, in the one journal of the fake kernel: its syscall name and arguments, and
 * the errno it failed with, if it did. Prints like a line of strace, which is what the dry run shows.
 */
public record Call(String syscall, List<Object> arguments, Errno failedWith) {
    public Call {
        arguments = List.copyOf(arguments);
    }

    public static Call of(String syscall, Object... arguments) {
        return new Call(syscall, List.of(arguments), null);
    }

    public boolean failed() {
        return failedWith != null;
    }

    Call failing(Errno errno) {
        return new Call(syscall, arguments, errno);
    }

    /** The first argument as text: the path, target or name most calls are about. */
    public String subject() {
        return arguments.isEmpty() ? "" : String.valueOf(arguments.get(0));
    }

    @Override
    public String toString() {
        String args = arguments.stream().map(Call::render).collect(Collectors.joining(", "));
        return syscall + "(" + args + ")" + (failed() ? " = -1 " + failedWith.name() : "");
    }

    private static String render(Object o) {
        return o instanceof String ? "\"" + o + "\"" : String.valueOf(o);
    }

    /** The first argument, if it is of the given type (a mount's request, say). */
    public <T> java.util.Optional<T> argument(Class<T> type) {
        return arguments.isEmpty() || !type.isInstance(arguments.get(0)) ? java.util.Optional.empty()
                : java.util.Optional.of(type.cast(arguments.get(0)));
    }
}

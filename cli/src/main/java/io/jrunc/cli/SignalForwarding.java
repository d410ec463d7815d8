package io.jrunc.cli;

import java.util.List;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * What a foreground {@code runc run} passes on to the container instead of dying of it. The JVM's own
 * handlers are replaced for these signals only while this process waits for its container (QUIT stays
 * the JVM's: it prints a thread dump).
 */
final class SignalForwarding {
    private static final List<String> FORWARDED = List.of("HUP", "INT", "TERM", "USR1", "USR2", "WINCH");

    private SignalForwarding() {
    }

    static void forward(IntConsumer toContainer) {
        for (String name : FORWARDED) {
            Signal signal = new Signal(name);
            Signal.handle(signal, s -> {
                try {
                    toContainer.accept(s.getNumber());
                } catch (RuntimeException e) {
                    // The container ended meanwhile: nothing left to tell.
                }
            });
        }
    }
}

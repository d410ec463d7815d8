package io.jrunc.cli;

/**
 * Has the FFM backend link its libc downcalls now, for the start-up cache's training: the FFM API's own
 * classes that linking loads then come from the cache on every later start (about 50 ms off `run` here).
 * Linking ahead on a second thread at every start was measured too: no gain on two cores.
 */
final class FfmPrelink {
    private FfmPrelink() {
    }

    static void now() {
        if (java.lang.Runtime.version().feature() < Backend.FFM_SINCE) {
            return;
        }
        try {
            Class.forName(Backend.FFM.moduleClass()).getMethod("prelink").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // Then each downcall links on its first use, as it would anyway.
        }
    }
}

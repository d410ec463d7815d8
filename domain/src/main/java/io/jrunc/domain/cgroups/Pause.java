package io.jrunc.domain.cgroups;

/** Sleeps between polls of the kernel's freezer state. */
final class Pause {
    private Pause() {
    }

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupError("freezer", "interrupted while waiting for the freezer");
        }
    }
}

package io.jrunc.cli.store;

import io.jrunc.ports.StateStore;
import java.nio.file.Path;

/**
 * Run in a second JVM by {@link FileStateStoreLockingTest}: takes the lock on one id, prints "locked",
 * sleeps, then (in mode "remove") removes the container while still holding the lock, and releases.
 *
 * <p>Arguments: root id holdMillis [hold|remove]
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws InterruptedException {
        FileStateStore store = new FileStateStore(Path.of(args[0]));
        String id = args[1];
        long holdMillis = Long.parseLong(args[2]);
        boolean remove = args.length > 3 && args[3].equals("remove");
        try (StateStore.Lock lock = store.lock(id)) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(holdMillis);
            if (remove) {
                store.remove(id);
            }
            System.out.println("releasing");
            System.out.flush();
        }
    }
}

package io.jrunc.ports;

import io.jrunc.ports.model.StoredState;
import java.util.List;
import java.util.Optional;

/**
 * Where containers' state lives between commands: one directory per container under the runtime's root.
 * Saves are atomic (a reader sees the old state or the new one, never half of one), and a container is
 * locked while a command works on it.
 */
public interface StateStore {
    /** An exclusive lock on one container id, held until closed. Blocks while another command holds it. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    Lock lock(String id);

    /** Creates the container's directory; throws EEXIST when it exists. */
    void create(String id);

    boolean exists(String id);

    void save(StoredState state);

    Optional<StoredState> load(String id);

    /** The ids of all containers, sorted. */
    List<String> ids();

    /** The container's directory, for its exec fifo and its copy of the config. */
    String directory(String id);

    /** Writes a file in the container's directory atomically. */
    void writeFile(String id, String name, byte[] content);

    Optional<byte[]> readFile(String id, String name);

    /** Removes the container's directory and everything in it. */
    void remove(String id);
}

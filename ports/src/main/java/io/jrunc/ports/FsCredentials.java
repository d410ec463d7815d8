package io.jrunc.ports;

/**
 * The calling thread's filesystem ids (setfsuid(2), setfsgid(2)), which the kernel keeps per thread: the owner
 * of every file, directory, device node, link and tmpfs root the thread makes, and nothing else of its identity.
 */
public interface FsCredentials {
    /**
     * Files the thread makes from now on belong to {@code uid}/{@code gid}; its privileges stay as they were (the
     * kernel drops the file capabilities from the effective set as the fsuid leaves 0, and they are raised again
     * from the permitted set). EPERM when the kernel did not take the ids.
     */
    void createFilesAs(int uid, int gid);
}

package io.jrunc.ports;

import io.jrunc.ports.model.Namespace;
import java.util.Set;

/** unshare(2) and setns(2) for the calling thread. */
public interface Namespaces {
    void unshare(Set<Namespace> namespaces);

    /** Joins the namespace that the file at {@code path} (/proc/[pid]/ns/* or a bind mount of one) names. */
    void setns(String path, Namespace type);

    /**
     * open(2) of the namespace file at {@code path} (/proc/[pid]/ns/*) read-only and close-on-exec: an fd that
     * holds the namespace after its last process is gone, as mount_setattr(2)'s MOUNT_ATTR_IDMAP takes a user
     * namespace (an O_PATH fd it refuses). The caller closes it.
     */
    int openNamespace(String path);
}

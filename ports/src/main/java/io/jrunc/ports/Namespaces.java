package io.jrunc.ports;

import io.jrunc.ports.model.Namespace;
import java.util.Set;

/** unshare(2) and setns(2) for the calling thread. */
public interface Namespaces {
    void unshare(Set<Namespace> namespaces);

    /** Joins the namespace that the file at {@code path} (/proc/[pid]/ns/* or a bind mount of one) names. */
    void setns(String path, Namespace type);
}

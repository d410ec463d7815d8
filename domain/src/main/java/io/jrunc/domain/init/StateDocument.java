package io.jrunc.domain.init;

import java.util.Map;

/**
 * The runtime-spec state a hook reads on its stdin (ociVersion, id, status, pid, bundle, annotations), as runc
 * writes it; a pid of 0 is left out, as runc leaves out a stopped container's. Writing JSON is the CLI's business.
 */
public interface StateDocument {
    byte[] json(String id, String status, int pid, String bundle, Map<String, String> annotations);
}

package io.jrunc.domain.cgroups;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.SyscallException;

/** Writes one planned value; a kernel refusal becomes a {@link CgroupError} naming the spec field. */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static void write(Cgroups cgroups, String hierarchy, String path, CgroupWrite w) {
        try {
            cgroups.write(hierarchy, path, w.file(), w.value());
        } catch (SyscallException e) {
            throw new CgroupError(w.field(), "unable to set " + w.file() + " to \"" + w.value() + "\": "
                    + e.errno().description() + detail(cgroups, hierarchy, path, w, e), e);
        }
    }

    /** A memory limit below what the group uses is refused with EBUSY; say how much it uses, as runc does. */
    private static String detail(Cgroups cgroups, String hierarchy, String path, CgroupWrite w, SyscallException e) {
        if (e.errno() != io.jrunc.ports.model.Errno.EBUSY) {
            return "";
        }
        if (w.file().equals("memory.limit_in_bytes")) {
            return " (current usage: " + cgroups.read(hierarchy, path, "memory.usage_in_bytes").orElse("?").trim()
                    + ", peak usage: " + cgroups.read(hierarchy, path, "memory.max_usage_in_bytes").orElse("?").trim() + ")";
        }
        if (w.file().equals("memory.max")) {
            return " (current usage: " + cgroups.read(hierarchy, path, "memory.current").orElse("?").trim() + ")";
        }
        return "";
    }
}

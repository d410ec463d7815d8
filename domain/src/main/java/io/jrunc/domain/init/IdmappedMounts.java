package io.jrunc.domain.init;

import io.jrunc.domain.runtime.MountIdmap;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.IdmappedBind;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.SyscallException;

/**
 * An id-mapped bind of the rootfs (runc 1.2's mountFd with an IDMapping): the user namespace of its mapping was
 * made by the runtime before the init thread entered the container's namespaces, so here it is only an fd.
 */
final class IdmappedMounts {
    private IdmappedMounts() {
    }

    static void bind(Mounts mounts, String root, MountSpec m, String target) {
        MountIdmap idmap = m.idmap().orElseThrow();
        if (idmap.usernsFd() < 0) {
            throw new IllegalStateException(idmap.field() + ": no user namespace was made for its mapping");
        }
        try {
            mounts.bindIdmapped(root, new IdmappedBind(m.source(), target, m.flags().contains(MountFlag.MS_REC),
                    idmap.recursive(), idmap.usernsFd()));
        } catch (SyscallException e) {
            // The config's field first, so that the refusal says which mount the kernel or filesystem would not map.
            throw new SyscallException(e.syscall(), e.code(), idmap.field() + " (id-mapped): " + e.detail());
        }
    }
}

package io.jrunc.adapter.jna;

import io.jrunc.ports.Syscalls;
import io.jrunc.ports.model.RlimitResource;

import java.nio.charset.StandardCharsets;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

final class JnaSyscalls implements Syscalls {
    @Override
    public void sethostname(String hostname) {
        long length = hostname.getBytes(StandardCharsets.UTF_8).length;
        JnaCheck.call("sethostname", hostname, () -> INSTANCE.sethostname(hostname, length));
    }

    @Override
    public void setdomainname(String domainname) {
        long length = domainname.getBytes(StandardCharsets.UTF_8).length;
        JnaCheck.call("setdomainname", domainname, () -> INSTANCE.setdomainname(domainname, length));
    }

    /** RLIM_INFINITY is -1 as a long: the kernel's all-ones unsigned value. */
    @Override
    public void prlimit(int pid, RlimitResource resource, long soft, long hard) {
        long[] limit = {soft, hard};
        JnaCheck.call("prlimit", resource.name() + " of pid " + pid,
                () -> INSTANCE.prlimit(pid, resource.number(), limit, null));
    }

    @Override
    public void umask(int mask) {
        INSTANCE.umask(mask);
    }
}

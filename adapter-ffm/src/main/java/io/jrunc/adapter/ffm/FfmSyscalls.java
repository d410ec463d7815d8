package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.Syscalls;
import io.jrunc.ports.model.RlimitResource;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** sethostname, setdomainname, prlimit and umask. */
final class FfmSyscalls implements Syscalls {
    private static final class sethostname {
        static final FfmFunction FUNCTION = FfmFunction.of("sethostname", 2);
    }

    private static final class setdomainname {
        static final FfmFunction FUNCTION = FfmFunction.of("setdomainname", 2);
    }

    /** prlimit64 through syscall(2): prlimit's own prototype would be a call shape of its own (FfmFunction). */
    private static final long SYS_PRLIMIT64 = FfmLibc.sysno(302, 261);

    private static final class umask {
        static final FfmFunction FUNCTION = FfmFunction.of("umask", 1);
    }

    @Override
    public void sethostname(String hostname) {
        byte[] name = hostname.getBytes(StandardCharsets.UTF_8);
        FfmLibc.call("sethostname", hostname, (arena, state) -> sethostname.FUNCTION.invoke(state,
                FfmLibc.cStringAddress(arena, hostname), name.length));
    }

    @Override
    public void setdomainname(String domainname) {
        byte[] name = domainname.getBytes(StandardCharsets.UTF_8);
        FfmLibc.call("setdomainname", domainname, (arena, state) -> setdomainname.FUNCTION.invoke(state,
                FfmLibc.cStringAddress(arena, domainname), name.length));
    }

    /** struct rlimit is two unsigned longs; RLIM_INFINITY is all ones, which is -1 as a Java long. */
    @Override
    public void prlimit(int pid, RlimitResource resource, long soft, long hard) {
        FfmLibc.call("prlimit", "pid=" + pid + ", " + resource + ", soft=" + soft + ", hard=" + hard,
                (arena, state) -> {
                    MemorySegment limit = arena.allocate(JAVA_LONG, 2);
                    limit.setAtIndex(JAVA_LONG, 0, soft);
                    limit.setAtIndex(JAVA_LONG, 1, hard);
                    return FfmLibc.syscall(state, SYS_PRLIMIT64, pid, resource.number(), limit.address(), 0);
                });
    }

    @Override
    public void umask(int mask) {
        // umask(2) cannot fail; its result is the old mask, never -1.
        FfmLibc.call("umask", Integer.toOctalString(mask),
                (arena, state) -> umask.FUNCTION.invoke(state, mask));
    }
}

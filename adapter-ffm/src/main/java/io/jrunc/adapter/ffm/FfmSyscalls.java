package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.Syscalls;
import io.jrunc.ports.model.RlimitResource;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/** sethostname, setdomainname, prlimit and umask. */
final class FfmSyscalls implements Syscalls {
    private static final class sethostname {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("sethostname",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class setdomainname {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("setdomainname",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class prlimit {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("prlimit",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class umask {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    @Override
    public void sethostname(String hostname) {
        byte[] name = hostname.getBytes(StandardCharsets.UTF_8);
        FfmLibc.call("sethostname", hostname, (arena, state) -> (int) sethostname.HANDLE.invokeExact(state,
                FfmLibc.cString(arena, hostname), (long) name.length));
    }

    @Override
    public void setdomainname(String domainname) {
        byte[] name = domainname.getBytes(StandardCharsets.UTF_8);
        FfmLibc.call("setdomainname", domainname, (arena, state) -> (int) setdomainname.HANDLE.invokeExact(state,
                FfmLibc.cString(arena, domainname), (long) name.length));
    }

    /** struct rlimit is two unsigned longs; RLIM_INFINITY is all ones, which is -1 as a Java long. */
    @Override
    public void prlimit(int pid, RlimitResource resource, long soft, long hard) {
        FfmLibc.call("prlimit", "pid=" + pid + ", " + resource + ", soft=" + soft + ", hard=" + hard,
                (arena, state) -> {
                    MemorySegment limit = arena.allocate(JAVA_LONG, 2);
                    limit.setAtIndex(JAVA_LONG, 0, soft);
                    limit.setAtIndex(JAVA_LONG, 1, hard);
                    return (int) prlimit.HANDLE.invokeExact(state, pid, resource.number(), limit, MemorySegment.NULL);
                });
    }

    @Override
    public void umask(int mask) {
        // umask(2) cannot fail; its result is the old mask, never -1.
        FfmLibc.call("umask", Integer.toOctalString(mask),
                (arena, state) -> (int) umask.HANDLE.invokeExact(state, mask));
    }
}

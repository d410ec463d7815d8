package io.jrunc.adapter.jna;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

import io.jrunc.ports.ProcessAttributes;
import io.jrunc.ports.model.Bitmask;
import io.jrunc.ports.model.SchedAttr;
import java.util.Set;

/** The calling thread's own attributes, by raw system calls (glibc wraps some of them, not all). */
final class JnaProcessAttributes implements ProcessAttributes {
    private static final int IOPRIO_WHO_PROCESS = 1;

    @Override
    public void setPersonality(long persona) {
        long number = JnaSyscallNumbers.PERSONALITY.number();
        JnaCheck.callLong("personality", "0x" + Long.toHexString(persona), () -> INSTANCE.syscall(number, persona, 0, 0));
    }

    @Override
    public void setIoPriority(int ioprio) {
        long number = JnaSyscallNumbers.IOPRIO_SET.number();
        JnaCheck.callLong("ioprio_set", Integer.toString(ioprio),
                () -> INSTANCE.syscall(number, IOPRIO_WHO_PROCESS, 0, ioprio));
    }

    @Override
    public void setScheduler(SchedAttr attr) {
        long number = JnaSyscallNumbers.SCHED_SETATTR.number();
        byte[] bytes = attr.bytes();
        JnaCheck.callLong("sched_setattr", attr.toString(), () -> INSTANCE.syscall(number, 0, bytes, 0));
    }

    @Override
    public void setMemoryPolicy(int mode, Set<Integer> nodes) {
        long number = JnaSyscallNumbers.SET_MEMPOLICY.number();
        long[] words = Bitmask.words(nodes);
        JnaCheck.callLong("set_mempolicy", mode + " " + nodes, () -> words.length == 0
                ? INSTANCE.syscall(number, mode, 0, 0)
                : INSTANCE.syscall(number, mode, words, Bitmask.maxnode(words)));
    }

    @Override
    public void setAffinity(Set<Integer> cpus) {
        long number = JnaSyscallNumbers.SCHED_SETAFFINITY.number();
        long[] words = Bitmask.words(cpus);
        long[] mask = words.length == 0 ? new long[1] : words;
        JnaCheck.callLong("sched_setaffinity", cpus.toString(), () -> INSTANCE.syscall(number, 0, 8L * mask.length, mask));
    }
}

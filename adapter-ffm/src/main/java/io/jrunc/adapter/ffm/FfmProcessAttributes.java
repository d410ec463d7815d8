package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.ProcessAttributes;
import io.jrunc.ports.model.Bitmask;
import io.jrunc.ports.model.SchedAttr;
import java.lang.foreign.MemorySegment;
import java.util.Set;

/** The calling thread's own attributes, by raw system calls (glibc wraps some of them, not all). */
final class FfmProcessAttributes implements ProcessAttributes {
    private static final long SYS_PERSONALITY = FfmLibc.sysno(135, 92);
    private static final long SYS_IOPRIO_SET = FfmLibc.sysno(251, 30);
    private static final long SYS_SCHED_SETATTR = FfmLibc.sysno(314, 274);
    private static final long SYS_SET_MEMPOLICY = FfmLibc.sysno(238, 237);
    private static final long SYS_SCHED_SETAFFINITY = FfmLibc.sysno(203, 122);
    private static final int IOPRIO_WHO_PROCESS = 1;

    @Override
    public void setPersonality(long persona) {
        FfmLibc.syscall("personality", "0x" + Long.toHexString(persona), SYS_PERSONALITY, persona);
    }

    @Override
    public void setIoPriority(int ioprio) {
        FfmLibc.syscall("ioprio_set", Integer.toString(ioprio), SYS_IOPRIO_SET, IOPRIO_WHO_PROCESS, 0, ioprio);
    }

    @Override
    public void setScheduler(SchedAttr attr) {
        byte[] bytes = attr.bytes();
        FfmLibc.call("sched_setattr", attr.toString(), (arena, state) -> {
            MemorySegment s = arena.allocate(bytes.length, 8);
            MemorySegment.copy(bytes, 0, s, JAVA_BYTE, 0, bytes.length);
            return FfmLibc.syscall(state, SYS_SCHED_SETATTR, 0, s.address(), 0);
        });
    }

    @Override
    public void setMemoryPolicy(int mode, Set<Integer> nodes) {
        long[] words = Bitmask.words(nodes);
        FfmLibc.call("set_mempolicy", mode + " " + nodes, (arena, state) -> {
            if (words.length == 0) {
                return FfmLibc.syscall(state, SYS_SET_MEMPOLICY, mode, 0, 0);
            }
            MemorySegment mask = arena.allocate(JAVA_LONG, words.length);
            MemorySegment.copy(words, 0, mask, JAVA_LONG, 0, words.length);
            return FfmLibc.syscall(state, SYS_SET_MEMPOLICY, mode, mask.address(), Bitmask.maxnode(words));
        });
    }

    @Override
    public void setAffinity(Set<Integer> cpus) {
        long[] words = Bitmask.words(cpus);
        FfmLibc.call("sched_setaffinity", cpus.toString(), (arena, state) -> {
            MemorySegment mask = arena.allocate(JAVA_LONG, Math.max(1, words.length));
            MemorySegment.copy(words, 0, mask, JAVA_LONG, 0, words.length);
            return FfmLibc.syscall(state, SYS_SCHED_SETAFFINITY, 0, 8L * Math.max(1, words.length), mask.address());
        });
    }
}

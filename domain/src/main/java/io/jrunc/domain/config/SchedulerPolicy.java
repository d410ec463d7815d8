package io.jrunc.domain.config;

/** sched_setattr(2) policies of config.md "Scheduler". */
public enum SchedulerPolicy implements SpecEnum {
    OTHER,
    FIFO,
    RR,
    BATCH,
    ISO,
    IDLE,
    DEADLINE;

    @Override
    public String spec() {
        return "SCHED_" + name();
    }
}

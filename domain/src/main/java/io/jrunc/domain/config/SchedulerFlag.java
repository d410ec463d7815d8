package io.jrunc.domain.config;

/** sched_setattr(2) flags of config.md "Scheduler". */
public enum SchedulerFlag implements SpecEnum {
    RESET_ON_FORK,
    RECLAIM,
    DL_OVERRUN,
    KEEP_POLICY,
    KEEP_PARAMS,
    UTIL_CLAMP_MIN,
    UTIL_CLAMP_MAX;

    @Override
    public String spec() {
        return "SCHED_FLAG_" + name();
    }
}

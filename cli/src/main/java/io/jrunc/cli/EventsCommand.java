package io.jrunc.cli;

import io.jrunc.domain.cgroups.CgroupStats;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.lifecycle.CollectStats;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * runc events: the container's resource usage as JSON lines, once with {@code --stats}, otherwise every
 * interval until the container stops. A sample that cannot be read is logged and the next one tried, as runc does.
 */
final class EventsCommand extends ContainerCommand implements Callable<Integer> {
    private static final Duration OOM_POLL = Duration.ofMillis(200);

    String interval;
    boolean stats;
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "print a container's resource usage and OOM kills as JSON lines")
                .description("""
                        A line of the container's statistics (cpu, memory, pids, block I/O, hugetlb) every interval,
                        and a line for each OOM kill in its cgroup, until the container stops; with --stats one line
                        of statistics, then it exits.""")
                .option("--interval").label("<duration>").description("time between two lines of statistics")
                .into(String.class, "5s", v -> interval = v)
                .option("--stats").description("print one line of statistics, then exit").flag(v -> stats = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        Duration every;
        try {
            every = GoValues.parseDuration(interval);
        } catch (IllegalArgumentException e) {
            return fail("invalid value " + GoValues.quote(interval) + " for flag -interval: " + e.getMessage());
        }
        if (every.isNegative() || every.isZero()) {
            return fail("duration interval must be greater than 0");
        }
        Either<LifecycleError, CollectStats.Feed> feed = use(CollectStats.class).feed(id);
        if (feed.isLeft()) {
            return fail(feed.getLeft());
        }
        if (stats) {
            return feed.get().sample().fold(this::fail, sample -> {
                print(sample);
                return ExitCodes.OK;
            });
        }
        return follow(feed.get(), every);
    }

    private int follow(CollectStats.Feed feed, Duration every) {
        long oomKills = feed.oomKills();
        long nextSample = System.nanoTime() + every.toNanos();
        while (true) {
            // OOM kills are looked for more often than stats are sampled, so one is told soon after it happens.
            long wait = Math.min(OOM_POLL.toNanos(), Math.max(0, nextSample - System.nanoTime()));
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.OK;
            }
            // Kills are read before the end is seen: an OOM that ends the container is still told.
            boolean ended = feed.ended();
            long kills = feed.oomKills();
            if (kills > oomKills) {
                oomKills = kills;
                out().println(EventsJson.oom(id));
                out().flush();
            }
            if (ended) {
                return ExitCodes.OK;
            }
            if (System.nanoTime() < nextSample) {
                continue;
            }
            nextSample += every.toNanos();
            Either<LifecycleError, CgroupStats> sample = feed.sample();
            if (sample.isLeft()) {
                // The container may have stopped between the check and the read; the next turn says so.
                root.log().error(sample.getLeft().message());
                continue;
            }
            print(sample.get());
        }
    }

    private void print(CgroupStats sample) {
        out().println(EventsJson.stats(id, sample));
        out().flush();
    }
}

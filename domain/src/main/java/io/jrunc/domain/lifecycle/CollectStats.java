package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupStats;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.vavr.control.Either;

/** runc events: a container's resource usage, once ({@code --stats}) or as a feed sampled until it stops. */
public final class CollectStats {
    private final StateStore store;
    private final ContainerObserver observer;

    public CollectStats(StateStore store, ContainerObserver observer) {
        this.store = store;
        this.observer = observer;
    }

    public Either<LifecycleError, CgroupStats> once(String id) {
        return feed(id).flatMap(Feed::sample);
    }

    /** A feed on a container that has not stopped; a stopped one is refused in runc's words. */
    public Either<LifecycleError, Feed> feed(String rawId) {
        return ContainerId.parse(rawId).flatMap(id -> ContainerLookup.find(store, id)).flatMap(state -> {
            if (observer.status(state) == ContainerStatus.STOPPED) {
                return Either.left(new LifecycleError.WrongStatus(ContainerStatus.STOPPED,
                        "container with id " + state.id() + " is not running"));
            }
            return Either.right(new Feed(state, observer.cgroup(state)));
        });
    }

    /** One container's cgroup, sampled while its init lives. */
    public final class Feed {
        private final StoredState state;
        private final ContainerCgroup cgroup;

        private Feed(StoredState state, ContainerCgroup cgroup) {
            this.state = state;
            this.cgroup = cgroup;
        }

        /** The init is gone (or its pid now belongs to another process): the feed has ended. */
        public boolean ended() {
            return !observer.initAlive(state);
        }

        public Either<LifecycleError, CgroupStats> sample() {
            return CgroupOperations.attempt("stats", cgroup::stats);
        }

        /** The OOM killer's kills in the cgroup so far; a rise between two reads is an "oom" event. */
        public long oomKills() {
            try {
                return cgroup.oomKills();
            } catch (RuntimeException e) {
                // The cgroup went with the container; the feed ends on its next turn.
                return 0;
            }
        }
    }
}

package io.jrunc.adapter.ffm;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SyscallException;

/** Routes through rtnetlink. */
final class FfmRoutes {
    private FfmRoutes() {
    }

    static void add(RouteRequest route) {
        throw new SyscallException("RTM_NEWROUTE", Errno.ENOSYS, route.destination() + ": routes are not supported yet");
    }
}

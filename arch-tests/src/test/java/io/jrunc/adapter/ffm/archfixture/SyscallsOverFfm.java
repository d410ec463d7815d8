package io.jrunc.adapter.ffm.archfixture;

import io.jrunc.domain.container.ContainerStatus;

/** Breaks: FFM adapter classes are named Ffm-something, and adapters do not reach into the domain. */
final class SyscallsOverFfm {
    ContainerStatus status;
}

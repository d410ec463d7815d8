package io.jrunc.ports.archfixture;

import io.jrunc.domain.container.ContainerStatus;

/** Breaks: ports depend only on the JDK. */
interface PortUsingDomain {
    ContainerStatus status();
}

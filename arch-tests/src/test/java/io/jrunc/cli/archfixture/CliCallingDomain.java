package io.jrunc.cli.archfixture;

import io.jrunc.domain.archfixture.DomainCallingCli;

/** The other half of the domain/cli cycle. */
public final class CliCallingDomain {
    DomainCallingCli forth;
}

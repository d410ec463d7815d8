package io.jrunc.domain.archfixture;

import io.jrunc.cli.archfixture.CliCallingDomain;

/** Breaks: nothing depends on the composition root; with CliCallingDomain, a cycle between slices. */
public final class DomainCallingCli {
    CliCallingDomain back;
}

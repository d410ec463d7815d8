package io.jrunc.cli.archfixture;

import com.google.inject.Inject;
import io.jrunc.ports.StateStore;

/** Breaks: no field injection. */
final class CliWithFieldInjection {
    @Inject
    StateStore store;
}

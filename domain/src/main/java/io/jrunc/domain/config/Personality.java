package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** personality(2) domain; the spec defines no flags yet, so they stay strings. */
public record Personality(PersonalityDomain domain, List<String> flags) {
    public Personality {
        requireNonNull(domain, "domain");
        flags = Copies.list(flags);
    }
}

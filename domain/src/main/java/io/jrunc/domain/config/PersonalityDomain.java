package io.jrunc.domain.config;

/** Execution domains of config-linux.md "Personality". */
public enum PersonalityDomain implements SpecEnum {
    LINUX,
    LINUX32;

    @Override
    public String spec() {
        return name();
    }
}

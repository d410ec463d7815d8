package io.jrunc.domain.archfixture;

/** Breaks: no generic exceptions are thrown. */
final class DomainThrowingGenericException {
    void fail() {
        throw new RuntimeException("something went wrong");
    }
}

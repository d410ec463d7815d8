package io.jrunc.domain.archfixture;

/** Breaks: nothing outside cli prints. */
final class DomainPrinting {
    void report(String message) {
        System.out.println(message);
    }
}

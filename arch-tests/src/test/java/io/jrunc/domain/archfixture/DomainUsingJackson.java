package io.jrunc.domain.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks: the domain depends only on domain, ports, the JDK core and Vavr. */
final class DomainUsingJackson {
    final ObjectMapper mapper = new ObjectMapper();
}

package io.jrunc.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** Rules shared by the hexagon test and the test that proves they can fail. */
final class HexagonRules {
    static final ArchRule DOMAIN_IS_PURE = classes()
            .that().resideInAPackage("io.jrunc.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "io.jrunc.domain..", "io.jrunc.ports..", "io.vavr..",
                    "java.lang..", "java.util..", "java.time..", "java.nio.charset..", "java.io..")
            .because("the domain is a model: no Guice, Jackson, JNA, FFM or picocli");

    static final ArchRule DOMAIN_HAS_NO_FFM = noClasses()
            .that().resideInAPackage("io.jrunc.domain..")
            .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
            .because("java.lang.. above would let the FFM API in");

    private HexagonRules() {
    }
}

package io.jrunc.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The hexagon's rules, in one place that sees every module's classes. */
@AnalyzeClasses(packages = "io.jrunc", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonRulesTest {
    @ArchTest
    static final ArchRule the_domain_depends_only_on_ports_the_jdk_and_vavr = HexagonRules.DOMAIN_IS_PURE;

    @ArchTest
    static final ArchRule the_domain_never_touches_foreign_memory = HexagonRules.DOMAIN_HAS_NO_FFM;

    @ArchTest
    static final ArchRule ports_depend_on_the_jdk_alone = classes()
            .that().resideInAPackage("io.jrunc.ports..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.jrunc.ports..", "java..")
            .because("ports speak the kernel's vocabulary and are implemented by every backend");

    @ArchTest
    static final ArchRule the_ports_package_holds_only_interfaces = classes()
            .that().resideInAPackage("io.jrunc.ports")
            .should().beInterfaces()
            .because("values live in io.jrunc.ports.model; the ports package is the contract");

    @ArchTest
    static final ArchRule only_the_ffm_adapter_uses_the_ffm_api = noClasses()
            .that().resideOutsideOfPackage("io.jrunc.adapter.ffm..")
            .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
            .because("the FFM API is final only from JDK 22; everything else runs on 17");

    @ArchTest
    static final ArchRule only_the_jna_adapter_uses_jna = noClasses()
            .that().resideOutsideOfPackage("io.jrunc.adapter.jna..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("native types must not leak out of their adapter");

    @ArchTest
    static final ArchRule adapters_do_not_know_each_other = slices()
            .matching("io.jrunc.adapter.(*)..").should().notDependOnEachOther()
            .because("backends are interchangeable: each stands on the ports alone");

    @ArchTest
    static final ArchRule adapters_know_neither_the_domain_nor_the_cli = noClasses()
            .that().resideInAPackage("io.jrunc.adapter..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jrunc.domain..", "io.jrunc.cli..")
            .because("adapters implement ports; only the cli composes them with the domain");

    @ArchTest
    static final ArchRule nothing_but_the_cli_prints = noClasses()
            .that().resideOutsideOfPackage("io.jrunc.cli..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("what a runtime prints is part of its interface with container engines");

    @ArchTest
    static final ArchRule the_fake_implements_everything = noClasses()
            .that().resideInAPackage("io.jrunc.adapter.fake..")
            .should().dependOnClassesThat().areAssignableTo(UnsupportedOperationException.class)
            .because("a stubbed fake leaves code paths untested (youki's todo!())");

    @ArchTest
    static final ArchRule jna_classes_say_so = classes()
            .that().resideInAPackage("io.jrunc.adapter.jna..").and().areTopLevelClasses()
            .should().haveSimpleNameStartingWith("Jna")
            .because("adapters are named <Backend><Port>");

    @ArchTest
    static final ArchRule ffm_classes_say_so = classes()
            .that().resideInAPackage("io.jrunc.adapter.ffm..").and().areTopLevelClasses()
            .should().haveSimpleNameStartingWith("Ffm")
            .because("adapters are named <Backend><Port>");

    @ArchTest
    static final ArchRule native_adapters_expose_only_their_module = classes()
            .that().resideInAnyPackage("io.jrunc.adapter.jna..", "io.jrunc.adapter.ffm..")
            .and().arePublic().and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("Module")
            .because("the cli reaches a backend only through its Guice module");

    @ArchTest
    static final ArchRule no_field_injection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule no_generic_exceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule the_top_level_slices_have_no_cycles = slices()
            .matching("io.jrunc.(*)..").should().beFreeOfCycles();
}

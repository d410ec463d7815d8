package io.jrunc.archtests;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.nio.file.Path;

/**
 * The hexagon's rules: what Maven's module edges cannot see (JDK packages such as {@code java.lang.foreign},
 * transitive dependencies, naming, printing). Field names read as sentences; {@code because} says why.
 * {@link HexagonRulesCanFailTest} shows each rule failing on a bad class, so none passes vacuously.
 */
@AnalyzeClasses(packages = "io.jrunc", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonRulesTest {
    private static final String PORTS = "io.jrunc.ports..";
    private static final String DOMAIN = "io.jrunc.domain..";
    private static final String ADAPTERS = "io.jrunc.adapter..";
    private static final String CLI = "io.jrunc.cli..";
    private static final String FFM = "io.jrunc.adapter.ffm..";
    private static final String JNA = "io.jrunc.adapter.jna..";
    private static final String FAKE = "io.jrunc.adapter.fake..";

    /** failOnEmptyShould=false must not hide an import that found nothing: the analysis sees the real modules. */
    @ArchTest
    static void the_analysis_sees_the_ports_the_domain_and_the_cli(JavaClasses classes) {
        for (String name : new String[] {"io.jrunc.ports.StateStore", "io.jrunc.domain.init.InitPlanner",
                "io.jrunc.cli.store.FileStateStore"}) {
            if (!classes.contain(name)) {
                throw new AssertionError("the analysis did not import " + name);
            }
        }
    }

    // ---- dependencies -------------------------------------------------------------------------------------

    /**
     * {@code java.nio.file.Path} is allowed as a value (mount targets, masked paths), but nothing else from
     * {@code java.nio.file}: reading or writing files is an effect, and effects go through ports.
     */
    @ArchTest
    static final ArchRule domain_depends_only_on_domain_ports_the_jdk_core_and_vavr = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat(resideInAnyPackage(
                            DOMAIN, PORTS,
                            "java.lang..", "java.util..", "java.nio.charset..", "java.time..", "java.net..",
                            "io.vavr..")
                    .or(type(Path.class)))
            .because("the domain is the runtime's model, testable without a kernel: no Guice, Jackson, JNA, "
                    + "picocli or file I/O; the kernel is reached only through ports");

    @ArchTest
    static final ArchRule ports_depend_only_on_the_jdk = classes()
            .that().resideInAPackage(PORTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PORTS, "java..")
            .because("ports speak kernel vocabulary and are implemented by every backend; "
                    + "they must not drag in the domain, an adapter or a library");

    @ArchTest
    static final ArchRule the_ports_package_holds_only_interfaces = classes()
            .that().resideInAPackage("io.jrunc.ports")
            .should().beInterfaces()
            .because("values and errors live in io.jrunc.ports.model; io.jrunc.ports is the list of capabilities");

    @ArchTest
    static final ArchRule only_the_ffm_adapter_touches_foreign_memory = noClasses()
            .that().resideOutsideOfPackage(FFM)
            .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
            .because("MemorySegment and Arena never leave the FFM backend, and everything else must run on "
                    + "JDK 17 (note that the domain's java.lang.. allowance would otherwise include it)");

    @ArchTest
    static final ArchRule only_the_jna_adapter_touches_jna = noClasses()
            .that().resideOutsideOfPackage(JNA)
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("Pointer and Structure never leave the JNA backend");

    @ArchTest
    static final ArchRule only_the_systemd_cgroup_driver_touches_dbus = noClasses()
            .that().resideOutsideOfPackage("io.jrunc.cli.systemd..")
            .should().dependOnClassesThat().resideInAPackage("org.freedesktop.dbus..")
            .because("D-Bus is how the systemd cgroup driver reaches systemd; the rest of jrunc, the domain "
                    + "above all, sees a CgroupDriver");

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = slices()
            .matching("io.jrunc.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("backends are interchangeable: cli picks one, and no backend may lean on another");

    @ArchTest
    static final ArchRule adapters_depend_on_ports_not_on_the_domain_or_the_cli = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(DOMAIN, CLI)
            .because("dependencies point inward to the ports; only cli, the composition root, sees everything");

    @ArchTest
    static final ArchRule nothing_depends_on_the_composition_root = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .because("cli wires the hexagon together and is the outermost ring");

    @ArchTest
    static final ArchRule top_level_slices_are_free_of_cycles = slices()
            .matching("io.jrunc.(*)..")
            .should().beFreeOfCycles()
            .because("a cycle between ports, domain, adapters and cli would undo the hexagon");

    // ---- behaviour ----------------------------------------------------------------------------------------

    @ArchTest
    static final ArchRule nothing_outside_cli_prints = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("stdout and stderr belong to the container and to runc-compatible CLI output; "
                    + "everything else reports through return values and exceptions");

    @ArchTest
    static final ArchRule the_fake_adapter_never_stubs_with_unsupported_operation = noClasses()
            .that().resideInAPackage(FAKE)
            .should().dependOnClassesThat().areAssignableTo(UnsupportedOperationException.class)
            .because("the fake implements every port method (youki's todo!() stubs left rlimit paths untested)");

    @ArchTest
    static final ArchRule no_field_injection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION
            .because("constructor injection keeps dependencies final and visible, and Guice needs nothing else");

    @ArchTest
    static final ArchRule no_generic_exceptions_are_thrown =
            GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
                    .because("kernel failures are SyscallException and expected failures are values (G6)");

    // ---- naming and visibility ----------------------------------------------------------------------------

    @ArchTest
    static final ArchRule in_real_adapters_only_the_module_class_is_public = classes()
            .that().resideInAPackage(ADAPTERS).and().resideOutsideOfPackage(FAKE)
            .and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
            .and().arePublic()
            .should().haveSimpleNameEndingWith("Module")
            .because("cli installs a backend's Guice module and sees nothing else of it "
                    + "(the fake is exempt: tests drive FakeKernel directly)");

    @ArchTest
    static final ArchRule jna_adapter_classes_are_named_Jna_something = classes()
            .that().resideInAPackage(JNA)
            .and().areTopLevelClasses().and(not(simpleName("package-info")))
            .and(not(simpleName("LibC")))
            .should().haveSimpleNameStartingWith("Jna")
            .because("adapters are <Backend><Port> (JnaSyscalls); LibC, the binding to libc itself, "
                    + "is named after the library as JNA and jextract name theirs");

    @ArchTest
    static final ArchRule ffm_adapter_classes_are_named_Ffm_something = classes()
            .that().resideInAPackage(FFM)
            .and().areTopLevelClasses().and(not(simpleName("package-info")))
            .and(not(simpleName("LibC")))
            .should().haveSimpleNameStartingWith("Ffm")
            .because("adapters are <Backend><Port> (FfmSyscalls); LibC, the binding to libc itself, "
                    + "is named after the library as JNA and jextract name theirs");
}

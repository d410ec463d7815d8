package io.jrunc.archtests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each hexagon rule fails on a small bad class from the test sources, so a rule that silently checks nothing
 * (a typo in a package, or {@code failOnEmptyShould=false} hiding an empty selection) cannot go unnoticed.
 */
class HexagonRulesCanFailTest {
    private static final String DOMAIN = "io.jrunc.domain.archfixture.";
    private static final String CLI = "io.jrunc.cli.archfixture.";
    private static final String JNA = "io.jrunc.adapter.jna.archfixture.";
    private static final String FFM = "io.jrunc.adapter.ffm.archfixture.";
    private static final String FAKE = "io.jrunc.adapter.fake.archfixture.";

    static Stream<Arguments> rulesAndTheClassesThatBreakThem() {
        return Stream.of(
                breaks("domain_depends_only_on_domain_ports_the_jdk_core_and_vavr", DOMAIN + "DomainUsingJackson"),
                breaks("domain_depends_only_on_domain_ports_the_jdk_core_and_vavr", DOMAIN + "DomainReadingFiles"),
                breaks("ports_depend_only_on_the_jdk", "io.jrunc.ports.archfixture.PortUsingDomain"),
                breaks("the_ports_package_holds_only_interfaces", "io.jrunc.ports.PortsPackageClass"),
                breaks("only_the_ffm_adapter_touches_foreign_memory", DOMAIN + "DomainUsingForeignMemory"),
                breaks("only_the_jna_adapter_touches_jna", CLI + "CliUsingJna"),
                breaks("only_the_systemd_cgroup_driver_touches_dbus", CLI + "CliUsingDbus"),
                breaks("adapters_do_not_depend_on_each_other", JNA + "JnaUsingFake", FAKE + "FakeWithStub"),
                breaks("adapters_depend_on_ports_not_on_the_domain_or_the_cli", FFM + "SyscallsOverFfm"),
                breaks("nothing_depends_on_the_composition_root", DOMAIN + "DomainCallingCli", CLI + "CliCallingDomain"),
                breaks("top_level_slices_are_free_of_cycles", DOMAIN + "DomainCallingCli", CLI + "CliCallingDomain"),
                breaks("nothing_outside_cli_prints", DOMAIN + "DomainPrinting"),
                breaks("the_fake_adapter_never_stubs_with_unsupported_operation", FAKE + "FakeWithStub"),
                breaks("no_field_injection", CLI + "CliWithFieldInjection"),
                breaks("no_generic_exceptions_are_thrown", DOMAIN + "DomainThrowingGenericException"),
                breaks("in_real_adapters_only_the_module_class_is_public", JNA + "PublicHelper"),
                breaks("jna_adapter_classes_are_named_Jna_something", JNA + "PublicHelper"),
                breaks("ffm_adapter_classes_are_named_Ffm_something", FFM + "SyscallsOverFfm"));
    }

    @ParameterizedTest(name = "{0} fails on {1}")
    @MethodSource("rulesAndTheClassesThatBreakThem")
    void every_rule_fails_on_a_class_that_breaks_it(String ruleName, List<String> classNames) throws Exception {
        EvaluationResult result = rule(ruleName).evaluate(importClasses(classNames));

        assertTrue(result.hasViolation(), ruleName + " let " + classNames + " through");
        String report = result.getFailureReport().toString();
        String culprit = classNames.get(0).substring(classNames.get(0).lastIndexOf('.') + 1);
        assertTrue(report.contains(culprit), report);
    }

    @Test
    void every_rule_has_a_class_that_breaks_it() throws Exception {
        Set<String> proven = new HashSet<>();
        rulesAndTheClassesThatBreakThem().forEach(a -> proven.add((String) a.get()[0]));

        for (Field field : HexagonRulesTest.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ArchRule.class.isAssignableFrom(field.getType())) {
                assertTrue(proven.contains(field.getName()), field.getName() + " has no failing example");
            }
        }
    }

    @Test
    void the_designs_own_shapes_break_no_rule() throws Exception {
        // A Path value in the domain, the public JnaModule, java.lang.foreign and a LibC binding in the FFM adapter.
        JavaClasses good = importClasses(List.of(DOMAIN + "DomainHoldingAPath", JNA + "JnaModule", FFM + "LibC"));

        for (Field field : HexagonRulesTest.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ArchRule.class.isAssignableFrom(field.getType())) {
                EvaluationResult result = ((ArchRule) field.get(null)).evaluate(good);
                assertFalse(result.hasViolation(), field.getName() + ": " + result.getFailureReport());
            }
        }
    }

    private static Arguments breaks(String ruleName, String... classNames) {
        return arguments(ruleName, Arrays.asList(classNames));
    }

    private static ArchRule rule(String name) throws ReflectiveOperationException {
        Field field = HexagonRulesTest.class.getDeclaredField(name);
        field.setAccessible(true);
        return (ArchRule) field.get(null);
    }

    private static JavaClasses importClasses(List<String> names) throws ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(Class.forName(name)); // by name: the fixtures are package-private in their own packages
        }
        return new ClassFileImporter().importClasses(classes);
    }
}

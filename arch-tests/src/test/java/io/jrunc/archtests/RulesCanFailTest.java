package io.jrunc.archtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.jrunc.domain.archfixture.ImpureDomainClass;
import org.junit.jupiter.api.Test;

/** A rule that cannot fail protects nothing: each is shown a class that breaks it. */
class RulesCanFailTest {
    private final JavaClasses impure = new ClassFileImporter().importClasses(ImpureDomainClass.class);

    @Test
    void aDomainClassUsingALibraryBreaksThePurityRule() {
        assertTrue(HexagonRules.DOMAIN_IS_PURE.evaluate(impure).hasViolation());
    }

    @Test
    void aDomainClassUsingForeignMemoryBreaksTheFfmRule() {
        assertTrue(HexagonRules.DOMAIN_HAS_NO_FFM.evaluate(impure).hasViolation());
    }
}

package io.jrunc.ports.contract;

import io.jrunc.ports.Credentials;
import io.jrunc.ports.model.Errno;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-thread credentials, changed on a thread that is thrown away afterwards (root on a real kernel): once
 * it is no longer root it cannot become root again.
 */
public abstract class CredentialsContract extends PortContract {
    private static final Set<Integer> EVERY_CAPABILITY = IntStream.rangeClosed(0, 40).boxed().collect(Collectors.toSet());

    private Credentials credentials() {
        return ports().credentials();
    }

    @BeforeEach
    void needsPrivilege() {
        assumePrivileged();
    }

    @Test
    void rootGivesUpItsIdsForGood() {
        ports().isolated(Set.of(), () -> {
            credentials().setgroups(List.of(1000, 2000));
            credentials().setresgid(1000, 1000, 1000);
            credentials().setresuid(1000, 1000, 1000);
            credentials().setNoNewPrivileges();
            assertErrno(Errno.EPERM, () -> credentials().setresuid(0, 0, 0));
            assertErrno(Errno.EPERM, () -> credentials().setresgid(0, 0, 0));
            return assertErrno(Errno.EPERM, () -> credentials().setgroups(List.of(0)));
        });
    }

    @Test
    void anEffectiveCapabilityOutsideThePermittedSetIsEPERM() {
        ports().isolated(Set.of(), () -> assertErrno(Errno.EPERM, () -> credentials().setCapabilities(
                EVERY_CAPABILITY, Set.of(0, 1), Set.of(0), Set.of(), Set.of())));
    }

    @Test
    void capabilitiesWithinThePermittedSet() {
        java.util.List<String> sets = ports().isolated(Set.of(), () -> {
            credentials().setCapabilities(Set.of(0, 1, 2), Set.of(0), Set.of(0, 1), Set.of(1), Set.of());
            return java.util.List.of(ports().capabilities("CapBnd"), ports().capabilities("CapEff"),
                    ports().capabilities("CapPrm"), ports().capabilities("CapInh"), ports().capabilities("CapAmb"));
        });

        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("0000000000000007", "0000000000000001",
                "0000000000000003", "0000000000000002", "0000000000000000"), sets,
                "bounding CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH; effective CHOWN; permitted CHOWN, DAC_OVERRIDE; inheritable"
                + " DAC_OVERRIDE");
    }

    /** runc's switch to a non-root user with capabilities: PR_SET_KEEPCAPS keeps the permitted set across it. */
    @Test
    void keepCapabilitiesKeepsThePermittedSetAsTheUidLeavesRoot_withoutItItIsGone() {
        Errno without = ports().isolated(Set.of(), () -> {
            credentials().setresuid(1000, 1000, 1000);
            return assertErrno(Errno.EPERM, () -> credentials().setCapabilities(EVERY_CAPABILITY, Set.of(0), Set.of(0),
                    Set.of(), Set.of())).errno();
        });
        String ambient = ports().isolated(Set.of(), () -> {
            credentials().setKeepCapabilities(true);
            credentials().setresuid(1000, 1000, 1000);
            credentials().setKeepCapabilities(false);
            credentials().setCapabilities(EVERY_CAPABILITY, Set.of(0), Set.of(0), Set.of(0), Set.of(0));
            return ports().capabilities("CapAmb");
        });

        org.junit.jupiter.api.Assertions.assertEquals(Errno.EPERM, without);
        org.junit.jupiter.api.Assertions.assertEquals("0000000000000001", ambient, "CAP_CHOWN ambient");
    }
}

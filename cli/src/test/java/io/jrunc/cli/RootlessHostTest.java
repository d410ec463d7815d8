package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** runc's rootless guesses: when cgroup errors are borne, and where the state goes. */
class RootlessHostTest {
    private static final RootlessHost ROOT = new RootlessHost(0, false);
    private static final RootlessHost USER = new RootlessHost(1000, false);
    private static final RootlessHost ROOT_OF_A_USERNS = new RootlessHost(0, true);

    @Test
    void autoIsRootlessForAUserAndForRootOfAUserNamespaceOnly() {
        assertFalse(ROOT.rootless("auto", false));
        assertTrue(USER.rootless("auto", false));
        assertTrue(ROOT_OF_A_USERNS.rootless("auto", false));
        assertFalse(USER.rootless("auto", true), "the systemd driver is never rootless unless forced");
        assertTrue(ROOT.rootless("true", false));
        assertFalse(USER.rootless("false", false));
        assertTrue(ROOT.rootless("1", true));
    }

    @Test
    void goParseBoolSpellingsAndNothingElse() {
        assertEquals(Optional.of(true), RootlessHost.parseBoolOrAuto("T"));
        assertEquals(Optional.of(false), RootlessHost.parseBoolOrAuto("FALSE"));
        assertEquals(Optional.empty(), RootlessHost.parseBoolOrAuto(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RootlessHost.parseBoolOrAuto("maybe"));
        assertTrue(e.getMessage().contains("--rootless"), e.getMessage());
    }

    @Test
    void theStateGoesUnderXdgRuntimeDirAsRuncsRuleSays() {
        Map<String, String> xdg = Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "USER", "alice");
        assertEquals(Path.of("/run/user/1000/jrunc"), USER.defaultRoot(xdg));
        assertEquals(Path.of("/run/jrunc"), ROOT.defaultRoot(xdg), "real root keeps /run/jrunc");
        assertEquals(Path.of("/run/user/1000/jrunc"), ROOT_OF_A_USERNS.defaultRoot(xdg));
        assertEquals(Path.of("/run/jrunc"), ROOT_OF_A_USERNS.defaultRoot(Map.of("XDG_RUNTIME_DIR", "/run/user/0",
                "USER", "root")));
        assertEquals(Path.of("/run/user/1/jrunc"), ROOT_OF_A_USERNS.defaultRoot(Map.of("XDG_RUNTIME_DIR",
                "/run/user/1")), "no $USER: honoured, as runc");
        assertEquals(Path.of("/run/jrunc"), USER.defaultRoot(Map.of()));
    }

    @Test
    void theInitialUserNamespacesMapIsTheOnlyOneThatIsNot() {
        assertFalse(RootlessHost.inUserNamespace("         0          0 4294967295\n"));
        assertTrue(RootlessHost.inUserNamespace("         0       1000          1\n"));
        assertFalse(RootlessHost.inUserNamespace(""));
    }
}

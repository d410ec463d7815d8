package io.jrunc.adapter.jna;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Credentials change on a thread that ends with the test: that they stay on it is what is tested. */
class JnaCredentialsRootTest extends JnaRootTest {
    private final JnaCredentials credentials = new JnaCredentials();

    @Test
    void setresuidChangesTheCallingThreadOnly() {
        String thread = JnaFreshThread.call("test-creds", () -> {
            credentials.setgroups(List.of(65534));
            credentials.setresgid(65534, 65534, 65534);
            credentials.setresuid(65534, 65534, 65534);
            return status("thread-self", "Uid") + "|" + status("thread-self", "Gid") + "|" + status("thread-self", "Groups");
        });

        assertEquals("65534\t65534\t65534\t65534|65534\t65534\t65534\t65534|65534", thread);
        assertEquals("0\t0\t0\t0", status("self", "Uid"));
    }

    @Test
    void capabilitiesAndNoNewPrivilegesOfTheCallingThread() {
        String thread = JnaFreshThread.call("test-caps", () -> {
            credentials.setCapabilities(Set.of(0, 1, 33), Set.of(0), Set.of(0, 1, 33), Set.of(0, 33), Set.of(0, 33));
            credentials.setNoNewPrivileges();
            return String.join("|", status("thread-self", "CapBnd"), status("thread-self", "CapEff"),
                    status("thread-self", "CapPrm"), status("thread-self", "CapInh"), status("thread-self", "CapAmb"),
                    status("thread-self", "NoNewPrivs"));
        });

        assertEquals("0000000200000003|0000000000000001|0000000200000003|0000000200000001|0000000200000001|1", thread);
        assertEquals("0", status("self", "NoNewPrivs"));
    }

    private static String status(String who, String field) {
        String text = new String(JnaFileIo.readIfExists("/proc/" + who + "/status").orElseThrow());
        for (String line : text.split("\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new AssertionError(field + " not in " + text);
    }
}

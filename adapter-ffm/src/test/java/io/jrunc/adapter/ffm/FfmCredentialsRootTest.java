package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Credentials are per thread in the kernel and these are the raw calls, so a dedicated thread changes them
 * for itself alone: the JVM's other threads must keep root.
 */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmCredentialsRootTest {
    private final FfmCredentials credentials = new FfmCredentials();

    private static Map<String, String> status(String task) {
        return FfmTestShell.read(Path.of("/proc/" + task + "/status")).lines()
                .map(l -> l.split(":\\s*", 2)).filter(kv -> kv.length == 2)
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1].trim()));
    }

    @Test
    void setresuidSetresgidAndSetgroups_changeTheCallingThreadOnly() {
        Map<String, String> thread = FfmDedicatedThread.call("creds-test", () -> {
            credentials.setgroups(List.of(11, 12));
            credentials.setresgid(1001, 1002, 1003);
            credentials.setresuid(2001, 2002, 2003);
            return status("thread-self");
        });
        assertEquals("11 12", thread.get("Groups"));
        assertEquals("1001\t1002\t1003\t1002", thread.get("Gid"));
        assertEquals("2001\t2002\t2003\t2002", thread.get("Uid"));
        assertEquals("0\t0\t0\t0", status("self").get("Uid"));
        assertEquals("0\t0\t0\t0", status("thread-self").get("Gid"));
    }

    @Test
    void setCapabilities_setsEverySetOfTheCallingThread() {
        Map<String, String> thread = FfmDedicatedThread.call("caps-test", () -> {
            Set<Integer> kept = Set.of(0, 5, 10, 33);
            credentials.setCapabilities(kept, Set.of(0, 5), kept, Set.of(10), Set.of(10));
            return status("thread-self");
        });
        assertEquals("0000000200000421", thread.get("CapBnd"));
        assertEquals("0000000200000421", thread.get("CapPrm"));
        assertEquals("0000000000000021", thread.get("CapEff"));
        assertEquals("0000000000000400", thread.get("CapInh"));
        assertEquals("0000000000000400", thread.get("CapAmb"));
        assertEquals("0000000000000000", status("self").get("CapAmb"));
        assertEquals(status("self").get("CapBnd"), status("thread-self").get("CapBnd"));
    }

    @Test
    void setNoNewPrivileges_isPerThread() {
        String thread = FfmDedicatedThread.call("nnp-test", () -> {
            credentials.setNoNewPrivileges();
            return status("thread-self").get("NoNewPrivs");
        });
        assertEquals("1", thread);
        assertEquals("0", status("self").get("NoNewPrivs"));
    }
}

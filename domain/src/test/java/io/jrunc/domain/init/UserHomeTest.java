package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserHomeTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\n"
            + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
            + "\n"
            + "  web:x:1000:1000::/home/web:/bin/sh  \n"
            + "second:x:1000:1000::/home/second:/bin/sh\n"
            + "nohome:x:2000:2000\n"
            + "big:x:4294967294:1::/home/big:/bin/sh\n";

    private static List<String> withHome(List<String> env, int uid, String passwd) {
        return UserHome.environment(env, uid, () -> Optional.ofNullable(passwd)
                .map(p -> p.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theHomeOfTheUsersFirstPasswdEntryIsAdded() {
        assertEquals(List.of("PATH=/bin", "HOME=/root"), withHome(List.of("PATH=/bin"), 0, PASSWD));
        assertEquals(List.of("HOME=/home/web"), withHome(List.of(), 1000, PASSWD), "first match, line trimmed");
        assertEquals(List.of("HOME=/home/big"), withHome(List.of(), -2, PASSWD), "uids are unsigned");
    }

    @Test
    void aUserWithoutAnEntryOrWithoutAPasswdFileGetsTheRoot() {
        assertEquals(List.of("HOME=/"), withHome(List.of(), 4242, PASSWD));
        assertEquals(List.of("HOME=/"), withHome(List.of(), 0, null));
    }

    @Test
    void anEntryWithoutAHomeFieldGivesAnEmptyHomeAsRuncReadsIt() {
        assertEquals(List.of("HOME="), withHome(List.of(), 2000, PASSWD));
    }

    @Test
    void aLineWhoseUidIsNoNumberMatchesNobody() {
        assertEquals(List.of("HOME=/root"), withHome(List.of(), 0, "# the admin\nroot:x:0:0::/root:/bin/sh\n"));
    }

    @Test
    void aHomeTheConfigGivesIsKeptAndPasswdIsNotRead() {
        List<String> env = List.of("HOME=/data", "PATH=/bin");
        assertSame(env, UserHome.environment(env, 0, () -> {
            throw new AssertionError("passwd read");
        }));
    }

    @Test
    void anEmptyHomeCountsAsNoneAndTheLastHomeEntryWins() {
        assertEquals(List.of("A=1", "HOME=/root"), withHome(List.of("HOME=", "A=1"), 0, PASSWD));
        assertEquals(List.of("HOME=/root"), withHome(List.of("HOME=/given", "HOME="), 0, PASSWD));
        List<String> later = List.of("HOME=", "HOME=/later");
        assertEquals(later, withHome(later, 0, PASSWD));
    }
}

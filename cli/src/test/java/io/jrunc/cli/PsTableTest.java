package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PsTableTest {
    private static final String PS_EF = """
            UID          PID    PPID  C STIME TTY          TIME CMD
            root           1       0  0 02:27 ?        00:01:04 /sbin/init
            root        4321       1  0 09:00 ?        00:00:00 sleep 1000
            nobody      4322    4321  0 09:00 ?        00:00:00 sh -c top
            root       14321       1  0 09:01 pts/0    00:00:00 bash
            """;

    @Test
    void keepsTheHeaderAndTheContainersLinesFoundByThePidColumn() {
        assertEquals("""
                UID          PID    PPID  C STIME TTY          TIME CMD
                root        4321       1  0 09:00 ?        00:00:00 sleep 1000
                nobody      4322    4321  0 09:00 ?        00:00:00 sh -c top
                """, PsTable.filter(PS_EF, List.of(4321, 4322)).get());
    }

    @Test
    void thePidColumnIsWhereverTheHeaderPutsIt() {
        String psOPidFirst = "    PID COMMAND\n      1 init\n   4321 sleep\n";
        assertEquals("    PID COMMAND\n   4321 sleep\n", PsTable.filter(psOPidFirst, List.of(4321)).get());
    }

    @Test
    void noProcessesLeavesTheHeaderAlone() {
        assertEquals("UID          PID    PPID  C STIME TTY          TIME CMD\n", PsTable.filter(PS_EF, List.of()).get());
    }

    @Test
    void outputWithoutAPidColumnOrWithABadPidIsRuncsError() {
        assertEquals("couldn't find PID field in ps output", PsTable.filter("USER COMMAND\nroot init\n", List.of(1))
                .getLeft());
        assertEquals("unable to parse pid: strconv.Atoi: parsing \"x\": invalid syntax",
                PsTable.filter("PID CMD\nx init\n", List.of(1)).getLeft());
    }
}

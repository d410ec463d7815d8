package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceMembersTest {
    @TempDir
    Path proc;

    private void process(int pid, String pidNs) throws Exception {
        Files.createDirectories(proc.resolve(pid + "/ns"));
        Files.createSymbolicLink(proc.resolve(pid + "/ns/pid"), Path.of(pidNs));
    }

    @Test
    void membersAreThePidsWhoseNamespaceLinkMatchesSorted() throws Exception {
        process(42, "pid:[4026532000]");
        process(7, "pid:[4026532000]");
        process(9, "pid:[4026531836]");
        Files.createDirectories(proc.resolve("self"));
        assertEquals(List.of(7, 42), NamespaceMembers.of(proc, 42, Namespace.PID));
    }

    @Test
    void aMissingProcessHasNoMembers() {
        assertEquals(List.of(), NamespaceMembers.of(proc, 5, Namespace.PID));
    }

    @Test
    void onTheRealProcThisProcessSharesItsOwnNamespace() {
        int self = (int) ProcessHandle.current().pid();
        assertEquals(true, NamespaceMembers.of(self, Namespace.PID).contains(self));
    }
}

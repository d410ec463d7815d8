package io.jrunc.cli.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.container.ContainerId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {
    private static SystemdUnit unit(String cgroupsPath) {
        return SystemdUnit.of(ContainerId.of("ctr"), Optional.ofNullable(cgroupsPath));
    }

    @Test
    void withoutACgroupsPathTheContainerIsAJruncScopeInSystemSlice() {
        assertEquals(new SystemdUnit("system.slice", "jrunc-ctr.scope", "/system.slice/jrunc-ctr.scope", "ctr"),
                unit(null));
        assertEquals(unit(null), unit(""));
        assertEquals("jrunc container ctr", unit(null).description());
    }

    @Test
    void slicePrefixAndNameMakeAScopeInTheSlice() {
        SystemdUnit unit = unit("user-1000.slice:docker:4f2a");
        assertEquals("docker-4f2a.scope", unit.name());
        assertEquals("user-1000.slice", unit.parent());
        assertEquals("/user.slice/user-1000.slice/docker-4f2a.scope", unit.cgroupPath());
        assertFalse(unit.isSlice());
        assertEquals("jrunc container 4f2a", unit.description());
    }

    @Test
    void anEmptySliceIsSystemSlice() {
        assertEquals("/system.slice/crio-1.scope", unit(":crio:1").cgroupPath());
    }

    @Test
    void aNameEndingInDotSliceIsThatSliceAndThePrefixIsIgnored() {
        SystemdUnit unit = unit("kubepods.slice:whatever:kubepods-besteffort.slice");
        assertEquals("kubepods-besteffort.slice", unit.name());
        assertTrue(unit.isSlice());
        assertEquals("/kubepods.slice/kubepods-besteffort.slice", unit.cgroupPath());
    }

    @Test
    void theRootSliceIsTheTopOfTheTree() {
        assertEquals("/jrunc-x.scope", unit("-.slice:jrunc:x").cgroupPath());
    }

    @ParameterizedTest
    @CsvSource({
        "system.slice, /system.slice",
        "a-b-c.slice, /a.slice/a-b.slice/a-b-c.slice",
        "machine-qemu.slice, /machine.slice/machine-qemu.slice",
        "-.slice, /"})
    void slicesNestByTheirDashes(String slice, String path) {
        assertEquals(path, SystemdUnit.expandSlice(slice));
    }

    @ParameterizedTest
    @ValueSource(strings = {".slice", "foo", "a--b.slice", "-a.slice", "a-.slice", "a/b.slice", "user.slice/x.slice"})
    void malformedSlicesAreRefusedWithRuncsWords(String slice) {
        CgroupError e = assertThrows(CgroupError.class, () -> unit(slice + ":p:n"));
        assertEquals("linux.cgroupsPath", e.field());
        assertEquals("linux.cgroupsPath: invalid slice name: " + slice, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kubepods/burstable/pod1", "system.slice:docker", "a:b:c:d", "plain"})
    void aPathNotOfThreePartsGetsRuncsError(String path) {
        CgroupError e = assertThrows(CgroupError.class, () -> unit(path));
        assertEquals("linux.cgroupsPath: expected cgroupsPath to be of format \"slice:prefix:name\" for systemd "
                + "cgroups, got \"" + path + "\" instead", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"system.slice:docker:", "system.slice:do/cker:x", "system.slice:docker:x/y"})
    void aUnitNameThatCannotBeIsRefused(String path) {
        CgroupError e = assertThrows(CgroupError.class, () -> unit(path));
        assertEquals("linux.cgroupsPath", e.field());
    }
}

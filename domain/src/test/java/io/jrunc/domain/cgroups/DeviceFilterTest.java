package io.jrunc.domain.cgroups;

import static io.jrunc.domain.cgroups.DevicesCgroupModel.BLOCK;
import static io.jrunc.domain.cgroups.DevicesCgroupModel.CHAR;
import static io.jrunc.domain.cgroups.DevicesCgroupModel.MKNOD;
import static io.jrunc.domain.cgroups.DevicesCgroupModel.READ;
import static io.jrunc.domain.cgroups.DevicesCgroupModel.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jrunc.domain.config.DeviceCgroupType;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.ports.model.BpfInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeviceFilterTest {
    /** Numbers the generated rules use, and some they never do; 2^31 + 5 needs the unsigned compare. */
    private static final long[] MAJORS = {0, 1, 5, 136, 0x8000_0005L, 254};
    private static final long[] MINORS = {0, 2, 3, 9, 0xFFFF_FFF0L, 77};
    private static final long[] RULE_MAJORS = {1, 5, 136, 0x8000_0005L};
    private static final long[] RULE_MINORS = {2, 3, 9, 0xFFFF_FFF0L};

    static DeviceRule rule(boolean allow, String type, long major, long minor, String access) {
        return new DeviceRule(allow,
                type == null ? Optional.empty() : Optional.of(switch (type) {
                    case "a" -> DeviceCgroupType.ALL;
                    case "b" -> DeviceCgroupType.BLOCK;
                    default -> DeviceCgroupType.CHAR;
                }),
                major < 0 ? OptionalLong.empty() : OptionalLong.of(major),
                minor < 0 ? OptionalLong.empty() : OptionalLong.of(minor),
                Optional.ofNullable(access));
    }

    static boolean allows(List<BpfInstruction> program, int type, long major, long minor, int access) {
        long r0 = BpfInterpreter.run(program, type, access, major, minor);
        if (r0 != 0 && r0 != 1) {
            fail("cgroup device programs return 0 or 1, this one returned " + r0);
        }
        return r0 == 1;
    }

    @Test
    void theDefaultContainerRulesAllowTheUsualDevicesAndMknodOnly() {
        List<DeviceRule> rules = DeviceRules.forContainer(List.of(DeviceRule.denyAll()), List.of());
        List<BpfInstruction> program = DeviceFilter.compile(rules);
        BpfInterpreter.checkWellFormed(program);

        assertTrue(allows(program, CHAR, 1, 3, READ | WRITE), "/dev/null rw");
        assertTrue(allows(program, CHAR, 1, 9, READ), "/dev/urandom r");
        assertTrue(allows(program, CHAR, 136, 4, READ | WRITE), "/dev/pts/4 rw");
        assertTrue(allows(program, CHAR, 5, 2, READ | WRITE), "/dev/ptmx rw");
        assertTrue(allows(program, BLOCK, 8, 0, MKNOD), "mknod of any block device");
        assertTrue(allows(program, CHAR, 10, 200, MKNOD), "mknod of any char device");
        assertEquals(false, allows(program, BLOCK, 8, 0, READ), "reading /dev/sda");
        assertEquals(false, allows(program, CHAR, 10, 200, READ | WRITE), "/dev/net/tun is not a default (runc 1.2)");
        assertEquals(false, allows(program, CHAR, 1, 1, READ), "/dev/mem");
        assertEquals(false, allows(program, CHAR, 5, 1, WRITE), "/dev/console");
    }

    @Test
    void allowAllIsOneInstructionPairAndDenyAllTheOther() {
        assertEquals(List.of(DeviceFilter.Op.move32(0, 1), DeviceFilter.Op.exit()),
                DeviceFilter.compile(List.of(rule(true, "a", -1, -1, "rwm"))));
        assertEquals(List.of(DeviceFilter.Op.move32(0, 0), DeviceFilter.Op.exit()),
                DeviceFilter.compile(List.of(DeviceRule.denyAll())));
        assertEquals(List.of(DeviceFilter.Op.move32(0, 1), DeviceFilter.Op.exit()), DeviceFilter.compile(List.of()),
                "no rules: a new cgroup allows everything");
    }

    @Test
    void aDenyRuleInAnAllowAllCgroupRefusesAnyAccessItCovers() {
        // An O_RDWR open asks for read and write at once; a rule denying writes must refuse it, as v1 does.
        List<BpfInstruction> program = DeviceFilter.compile(List.of(
                rule(true, "a", -1, -1, "rwm"), rule(false, "c", 1, 3, "w")));
        assertEquals(false, allows(program, CHAR, 1, 3, READ | WRITE));
        assertEquals(false, allows(program, CHAR, 1, 3, WRITE));
        assertTrue(allows(program, CHAR, 1, 3, READ));
        assertTrue(allows(program, CHAR, 1, 5, READ | WRITE));
        assertTrue(allows(program, BLOCK, 1, 3, WRITE));
    }

    @Test
    void majorsAndMinorsAboveTwoToTheThirtyOneMatchExactly() {
        long big = 0x8000_0005L;
        List<BpfInstruction> program = DeviceFilter.compile(List.of(DeviceRule.denyAll(),
                rule(true, "c", big, 0xFFFF_FFF0L, "r")));
        assertTrue(allows(program, CHAR, big, 0xFFFF_FFF0L, READ));
        assertEquals(false, allows(program, CHAR, 5, 0xFFFF_FFF0L, READ));
        assertEquals(false, allows(program, CHAR, big, 0xFFFF_FFF0L, WRITE));
    }

    @Test
    void theLargestU32IsTheWildcardAsInTheKernel() {
        List<DeviceRule> rules = List.of(DeviceRule.denyAll(), rule(true, "c", 0xFFFF_FFFFL, 3, "r"));
        assertEquals(new DeviceRules.V1Write("devices.allow", "c *:3 r"), DeviceRules.v1Writes(rules).get(1));
        List<BpfInstruction> program = DeviceFilter.compile(rules);
        assertTrue(allows(program, CHAR, 7, 3, READ));
        assertTrue(allows(program, CHAR, 0xFFFF_FFFFL, 3, READ));
    }

    @Test
    void laterRulesOverrideEarlierOnes() {
        List<BpfInstruction> program = DeviceFilter.compile(List.of(DeviceRule.denyAll(),
                rule(true, "c", 1, 3, "rwm"), rule(false, "c", 1, 3, "w"), rule(true, "b", 8, -1, "r"),
                rule(false, null, -1, -1, "rwm"), rule(true, "c", 1, 5, "rw")));
        assertEquals(false, allows(program, CHAR, 1, 3, READ), "the typeless deny reset everything before it");
        assertEquals(false, allows(program, BLOCK, 8, 1, READ));
        assertTrue(allows(program, CHAR, 1, 5, READ | WRITE));
    }

    @Test
    void lettersOtherThanRwmArePassedOverAsRuncDoes() {
        var program = DeviceFilter.compile(List.of(DeviceRule.denyAll(), rule(true, "c", 1, 3, "rwa")));
        assertTrue(allows(program, CHAR, 1, 3, READ | WRITE));
        assertEquals(false, allows(program, CHAR, 1, 3, MKNOD));
    }

    @Test
    void badRulesAreRefusedNamingTheirField() {
        CgroupError letter = assertThrows(CgroupError.class, () -> DeviceFilter.compile(List.of(
                DeviceRule.denyAll(), rule(true, "c", 1, 3, "ax"))));
        assertEquals("linux.resources.devices[1].access", letter.field());
        assertTrue(letter.getMessage().contains("\"ax\" names none of r, w, m"), letter.getMessage());

        CgroupError empty = assertThrows(CgroupError.class, () -> DeviceFilter.compile(List.of(
                rule(true, "c", 1, 3, ""))));
        assertEquals("linux.resources.devices[0].access", empty.field());
        assertTrue(empty.getMessage().contains("device access at 0 field cannot be empty"), empty.getMessage());
        assertThrows(CgroupError.class, () -> DeviceFilter.compile(List.of(rule(true, "c", 1, 3, null))));

        CgroupError major = assertThrows(CgroupError.class, () -> DeviceFilter.compile(List.of(
                new DeviceRule(true, Optional.of(DeviceCgroupType.CHAR), OptionalLong.of(1L << 32),
                        OptionalLong.empty(), Optional.of("r")))));
        assertEquals("linux.resources.devices[0].major", major.field());
        CgroupError minor = assertThrows(CgroupError.class, () -> DeviceFilter.compile(List.of(
                new DeviceRule(true, Optional.of(DeviceCgroupType.CHAR), OptionalLong.empty(),
                        OptionalLong.of(-7), Optional.of("r")))));
        assertEquals("linux.resources.devices[0].minor", minor.field());
    }

    @Test
    void aHoleInAWildcardRuleIsRefusedRatherThanIgnored() {
        CgroupError hole = assertThrows(CgroupError.class, () -> DeviceFilter.compile(List.of(
                DeviceRule.denyAll(), rule(true, "c", 136, -1, "rwm"), rule(false, "c", 136, 3, "w"))));
        assertEquals("linux.resources.devices[2]", hole.field());
        assertTrue(hole.getMessage().contains("c 136:*"), hole.getMessage());
        // Taking away access the wildcard does not grant is no hole.
        DeviceFilter.compile(List.of(DeviceRule.denyAll(), rule(true, "c", -1, -1, "m"),
                rule(false, "c", 1, 3, "w")));
    }

    /**
     * The property: for random rule lists, the compiled program decides every access as the v1 devices
     * controller would after the same writes, or the compiler refuses exactly the lists v1 would silently
     * get wrong.
     */
    @Test
    void theProgramDecidesLikeTheV1ControllerForRandomRules() {
        Random random = new Random(20261123L);
        int compiled = 0;
        int refused = 0;
        for (int iteration = 0; iteration < 2000; iteration++) {
            List<DeviceRule> rules = randomRules(random);
            DevicesCgroupModel model = new DevicesCgroupModel();
            rules.forEach(model::apply);
            if (model.ignoredHole()) {
                assertThrows(CgroupError.class, () -> DeviceFilter.compile(rules), () -> "rules " + rules);
                refused++;
                continue;
            }
            List<BpfInstruction> program = DeviceFilter.compile(rules);
            BpfInterpreter.checkWellFormed(program);
            assertSameDecisions(model, program, rules);
            compiled++;
        }
        assertTrue(compiled > 1300 && refused > 10, "the generator covers both outcomes: " + compiled + "/" + refused);
    }

    /** The v1 writes, applied to a new cgroup, leave the same decisions as the rules written one by one. */
    @Test
    void theV1WritesLeaveTheSameDecisionsAsTheRules() {
        Random random = new Random(7L);
        for (int iteration = 0; iteration < 1500; iteration++) {
            List<DeviceRule> rules = randomRules(random);
            DevicesCgroupModel literal = new DevicesCgroupModel();
            rules.forEach(literal::apply);
            if (literal.ignoredHole()) {
                continue;
            }
            DevicesCgroupModel written = new DevicesCgroupModel();
            for (DeviceRules.V1Write w : DeviceRules.v1Writes(rules)) {
                written.write(w.file(), w.line());
            }
            assertSameDecisions(literal, written, rules);
        }
    }

    /** From any state a v1 cgroup can be in, the transition writes reach the target's decisions. */
    @Test
    void theV1TransitionReachesTheTargetFromAnyState() {
        Random random = new Random(99L);
        for (int iteration = 0; iteration < 1500; iteration++) {
            List<DeviceRule> before = randomRules(random);
            List<DeviceRule> after = randomRules(random);
            DevicesCgroupModel running = new DevicesCgroupModel();
            before.forEach(running::apply);
            DevicesCgroupModel target = new DevicesCgroupModel();
            after.forEach(target::apply);
            if (running.ignoredHole() || target.ignoredHole() || running.devicesList().startsWith("a")) {
                continue; // a deny-list cgroup cannot be read back; the transition then starts over (tested below)
            }
            List<DeviceRules.V1Write> writes = DeviceRules.v1Transition(running.devicesList(), after);
            for (DeviceRules.V1Write w : writes) {
                running.write(w.file(), w.line());
            }
            assertSameDecisions(target, running, after);
            if (!target.devicesList().startsWith("a")) {
                assertTrue(writes.stream().noneMatch(w -> w.line().startsWith("a ")),
                        "allow-list to allow-list needs no disruptive write: " + writes);
            }
        }
    }

    @Test
    void aNewContainerCgroupGetsTheDenyAllThenItsAllowLines() {
        List<DeviceRules.V1Write> writes = DeviceRules.v1Writes(List.of(DeviceRule.denyAll(),
                rule(true, "c", 1, 3, "r"), rule(true, "c", 1, 3, "w"), rule(true, "b", 8, -1, "m")));
        assertEquals(List.of(new DeviceRules.V1Write("devices.deny", "a *:* rwm"),
                new DeviceRules.V1Write("devices.allow", "c 1:3 rw"),
                new DeviceRules.V1Write("devices.allow", "b 8:* m")), writes);
        assertEquals(List.of(new DeviceRules.V1Write("devices.allow", "a *:* rwm"),
                        new DeviceRules.V1Write("devices.deny", "c *:* w")),
                DeviceRules.v1Writes(List.of(rule(true, "a", -1, -1, "rwm"), rule(false, "c", -1, -1, "w"))));
    }

    @Test
    void anUpdateOfAnAllowListWritesOnlyWhatChanges() {
        List<DeviceRules.V1Write> writes = DeviceRules.v1Transition("c 1:3 rwm\nc 1:5 rwm\n",
                List.of(DeviceRule.denyAll(), rule(true, "c", 1, 3, "rw"), rule(true, "c", 1, 9, "r")));
        assertEquals(List.of(new DeviceRules.V1Write("devices.deny", "c 1:3 m"),
                new DeviceRules.V1Write("devices.deny", "c 1:5 rwm"),
                new DeviceRules.V1Write("devices.allow", "c 1:9 r")), writes);
    }

    private static void assertSameDecisions(DevicesCgroupModel model, List<BpfInstruction> program,
                                            List<DeviceRule> rules) {
        for (int type : new int[] {BLOCK, CHAR}) {
            for (long major : MAJORS) {
                for (long minor : MINORS) {
                    for (int access = 0; access <= 7; access++) {
                        boolean expected = model.allows(type, major, minor, access);
                        if (allows(program, type, major, minor, access) != expected) {
                            fail("type " + type + " " + major + ":" + minor + " access " + access + " should be "
                                    + (expected ? "allowed" : "denied") + " by " + rules);
                        }
                    }
                }
            }
        }
    }

    private static void assertSameDecisions(DevicesCgroupModel expected, DevicesCgroupModel actual,
                                            List<DeviceRule> rules) {
        for (int type : new int[] {BLOCK, CHAR}) {
            for (long major : MAJORS) {
                for (long minor : MINORS) {
                    for (int access = 1; access <= 7; access++) {
                        if (expected.allows(type, major, minor, access) != actual.allows(type, major, minor, access)) {
                            fail("type " + type + " " + major + ":" + minor + " access " + access + " differs for "
                                    + rules);
                        }
                    }
                }
            }
        }
    }

    private static List<DeviceRule> randomRules(Random random) {
        List<DeviceRule> rules = new ArrayList<>();
        if (random.nextInt(3) > 0) {
            rules.add(random.nextInt(4) == 0 ? rule(true, "a", -1, -1, "rwm") : DeviceRule.denyAll());
        }
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            String type = switch (random.nextInt(12)) {
                case 0 -> "a";
                case 1 -> null;
                case 2, 3, 4, 5 -> "b";
                default -> "c";
            };
            long major = random.nextInt(3) == 0 ? -1 : RULE_MAJORS[random.nextInt(RULE_MAJORS.length)];
            long minor = random.nextInt(3) == 0 ? -1 : RULE_MINORS[random.nextInt(RULE_MINORS.length)];
            String access = DevicesCgroupModel.letters(1 + random.nextInt(7));
            rules.add(rule(random.nextBoolean(), type, major, minor, access));
        }
        return rules;
    }
}

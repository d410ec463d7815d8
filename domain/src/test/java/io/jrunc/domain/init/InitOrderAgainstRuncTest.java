package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jrunc.domain.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The init plan against runc's order, written out here from runc's own source rather than from the planner:
 * where two steps run in another order than runc runs them, the step is one of the deliberate differences
 * docs/init-order.md lists and explains, and no other.
 */
class InitOrderAgainstRuncTest {
    /**
     * runc's order, as a container's init acts (libcontainer/nsenter/nsexec.c writes the OOM score before the Go
     * init starts; standard_init_linux.go's linuxStandardInit.Init does the rest, prepareRootfs and finalizeRootfs
     * coming from rootfs_linux.go, the prestart and createRuntime hooks run by the parent while prepareRootfs waits
     * for it, createContainer's by prepareRootfs itself before pivot_root; process_linux.go's initProcess.start sets
     * the rlimits when the init reports procReady, right after no_new_privs and the scheduler; seccomp has two
     * places, by no_new_privs). The fields runc 1.2 to 1.4 added are marked with the version that applies them.
     */
    private static final List<String> RUNC = List.of(
            "netDevices moved into the container's network namespace (parent, 1.3)",
            "oom_score_adj (nsexec)",
            "execCPUAffinity.initial (1.2, set on the process before it runs a step)",
            "JoinSessionKeyring",
            "setupNetwork (loopback up)",
            "setupRoute",
            "prepareRootfs (mounts, devices, /dev links)",
            "prestart hooks (parent, procHooks)",
            "createRuntime hooks (parent, procHooks)",
            "createContainer hooks (prepareRootfs)",
            "prepareRootfs (pivot_root)",
            "setupConsole",
            "finalizeRootfs (read-only /)",
            "Sethostname",
            "Setdomainname",
            "apparmor.ApplyProfile",
            "writeSystemProperty (sysctl)",
            "readonlyPath",
            "maskPath",
            "PR_SET_NO_NEW_PRIVS",
            "memoryPolicy (1.4)",
            "setupScheduler (1.2)",
            "setIOPriority (1.2)",
            "setupRlimits (parent, at procReady)",
            "selinux.SetExecLabel",
            "InitSeccomp without no_new_privs",
            "finalizeNamespace (capabilities, setupUser, chdir)",
            "exec.LookPath",
            "InitSeccomp with no_new_privs",
            "setupPersonality (1.2)",
            "execCPUAffinity.final (1.2)",
            "exec fifo open and write",
            "startContainer hooks",
            "system.Exec");

    /** Each plan step, by the name docs/init-order.md gives it, to the runc step that does its work. */
    private static final Map<String, String> RUNC_STEP = Map.ofEntries(
            Map.entry("move net devices", "netDevices moved into the container's network namespace (parent, 1.3)"),
            Map.entry("adjust oom score", "oom_score_adj (nsexec)"),
            Map.entry("set initial cpu affinity", "execCPUAffinity.initial (1.2, set on the process before it runs a step)"),
            Map.entry("join session keyring", "JoinSessionKeyring"),
            Map.entry("configure network", "setupNetwork (loopback up)"),
            Map.entry("add routes", "setupRoute"),
            Map.entry("prepare rootfs", "prepareRootfs (mounts, devices, /dev links)"),
            Map.entry("run prestart hooks", "prestart hooks (parent, procHooks)"),
            Map.entry("run createRuntime hooks", "createRuntime hooks (parent, procHooks)"),
            Map.entry("run createContainer hooks", "createContainer hooks (prepareRootfs)"),
            Map.entry("switch root", "prepareRootfs (pivot_root)"),
            Map.entry("setup console", "setupConsole"),
            Map.entry("finalize rootfs", "finalizeRootfs (read-only /)"),
            Map.entry("set hostname", "Sethostname"),
            Map.entry("set domainname", "Setdomainname"),
            Map.entry("apply app armor profile", "apparmor.ApplyProfile"),
            Map.entry("apply sysctl", "writeSystemProperty (sysctl)"),
            Map.entry("remount readonly", "readonlyPath"),
            Map.entry("mask paths", "maskPath"),
            Map.entry("set no new privileges", "PR_SET_NO_NEW_PRIVS"),
            Map.entry("set memory policy", "memoryPolicy (1.4)"),
            Map.entry("set scheduler", "setupScheduler (1.2)"),
            Map.entry("set io priority", "setIOPriority (1.2)"),
            Map.entry("apply rlimits", "setupRlimits (parent, at procReady)"),
            Map.entry("set process label", "selinux.SetExecLabel"),
            Map.entry("switch user", "finalizeNamespace (capabilities, setupUser, chdir)"),
            Map.entry("find program", "exec.LookPath"),
            Map.entry("set personality", "setupPersonality (1.2)"),
            Map.entry("set final cpu affinity", "execCPUAffinity.final (1.2)"),
            Map.entry("await start", "exec fifo open and write"),
            Map.entry("run startContainer hooks", "startContainer hooks"),
            Map.entry("exec process", "system.Exec"));

    private static final Pattern DIFFERENCE = Pattern.compile("^- \\*\\*([a-z ]+)\\*\\*");

    /**
     * The plan of a config with every step (noNewPrivileges on: seccomp's other place is the planner tests'), as it
     * happens: the runtime's steps act on the init's pid before the init takes one of its own.
     */
    private static List<String> happening() {
        List<InitStep> steps = new ArrayList<>(InitPlanner.plan(TestConfigs.everythingWithHooks(), 3, Optional.of("_ses.t"), java.util.OptionalInt.of(7))
                .steps());
        steps.sort(Comparator.comparing(s -> s.phase() == Phase.RUNTIME ? 0 : 1));
        return steps.stream().map(StepNames::of).toList();
    }

    private static int runcIndex(List<String> happening, int i) {
        String step = happening.get(i);
        if (step.equals("load seccomp")) {
            boolean beforeUserSwitch = happening.indexOf("switch user") > i;
            return RUNC.indexOf(beforeUserSwitch ? "InitSeccomp without no_new_privs" : "InitSeccomp with no_new_privs");
        }
        String runc = RUNC_STEP.get(step);
        if (runc == null) {
            fail("\"" + step + "\" is a new step: say which of runc's steps does its work (RUNC_STEP), and list it in"
                    + " docs/init-order.md's differences if it runs elsewhere");
        }
        return RUNC.indexOf(runc);
    }

    /**
     * The steps that run out of runc's order: those outside the longest run of steps that keeps runc's order
     * (fewest moved steps explain the difference).
     */
    private static Set<String> outOfOrder(List<String> happening) {
        int n = happening.size();
        int[] longest = new int[n];
        int[] previous = new int[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            longest[i] = 1;
            previous[i] = -1;
            for (int j = 0; j < i; j++) {
                if (runcIndex(happening, j) < runcIndex(happening, i) && longest[j] + 1 > longest[i]) {
                    longest[i] = longest[j] + 1;
                    previous[i] = j;
                }
            }
            if (best < 0 || longest[i] > longest[best]) {
                best = i;
            }
        }
        Set<String> moved = new TreeSet<>(happening);
        for (int i = best; i >= 0; i = previous[i]) {
            moved.remove(happening.get(i));
        }
        return moved;
    }

    private static Set<String> documentedDifferences() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("init-order.md");
        List<String> lines = Files.readAllLines(doc);
        int section = lines.indexOf("## Differences from runc's order");
        assertTrue(section >= 0, "docs/init-order.md has a section \"## Differences from runc's order\"");
        Set<String> listed = new TreeSet<>();
        for (String line : lines.subList(section + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = DIFFERENCE.matcher(line);
            if (m.find()) {
                listed.add(m.group(1));
            }
        }
        return listed;
    }

    @Test
    void everyStepRunsInRuncsOrderButTheDifferencesTheDocsList() throws IOException {
        assertEquals(documentedDifferences(), outOfOrder(happening()));
    }

    @Test
    void withoutTheDifferencesTheOrderIsRuncs() throws IOException {
        Set<String> differences = documentedDifferences();
        List<String> rest = happening().stream().filter(s -> !differences.contains(s)).toList();
        for (int i = 1; i < rest.size(); i++) {
            assertTrue(runcIndex(rest, i - 1) < runcIndex(rest, i), rest.get(i - 1) + " before " + rest.get(i));
        }
    }
}

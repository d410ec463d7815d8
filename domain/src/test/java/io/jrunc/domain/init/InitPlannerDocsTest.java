package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.domain.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/init-order.md and the planner must tell the same order, phase for phase. */
class InitPlannerDocsTest {
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| ([a-zA-Z ]+) \\| (RUNTIME|CONTAINER_INIT) \\|");

    @Test
    void theDocsTableListsThePlannersStepsInItsOrder() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("init-order.md");
        List<String> documented = Files.readAllLines(doc).stream()
                .map(ROW::matcher).filter(Matcher::find)
                .map(m -> m.group(2).trim() + " / " + m.group(3))
                .collect(Collectors.toList());
        List<String> planned = InitPlanner.plan(TestConfigs.everythingWithHooks(), 3, java.util.Optional.of("_ses.t"),
                        java.util.OptionalInt.of(5)).steps().stream()
                .map(s -> StepNames.of(s) + " / " + s.phase())
                .collect(Collectors.toList());
        assertEquals(planned, documented);
    }
}

package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.control.Either;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassedFdsTest {
    private static final long PID = 4242;

    private static Either<String, Integer> count(String record, Map<String, String> env, int preserveFds) {
        return PassedFds.recorded(record).toContainer(env, PID, preserveFds);
    }

    @Test
    void nothingAskedForIsAlwaysGranted() {
        assertEquals(Either.right(0), count(null, Map.of(), 0));
        assertEquals(Either.right(0), count("", Map.of(), 0));
        assertEquals(Either.right(0), count("7,9", Map.of(), 0));
    }

    @Test
    void preservedFdsThatWerePassedGoOn() {
        assertEquals(Either.right(2), count("3,4", Map.of(), 2));
        assertEquals(Either.right(1), count("4,3,251", Map.of(), 1), "the record's order does not matter");
    }

    @Test
    void withoutARecordNoFdWasPassed() {
        // The CLI in-process or by java -cp: the fds from 3 are the JVM's own files.
        assertEquals(Either.left("unable to stat preserved-fd 0 (of 1): fd 3 was not passed to jrunc"),
                count(null, Map.of(), 1));
    }

    @Test
    void theFirstPreservedFdNotPassedIsNamedAsRuncNamesIt() {
        // runc: "unable to stat preserved-fd 4 (of 10): stat /proc/self/fd/7: no such file or directory".
        assertEquals(Either.left("unable to stat preserved-fd 4 (of 10): fd 7 was not passed to jrunc"),
                count("3,4,5,6", Map.of(), 10));
        assertEquals(Either.left("unable to stat preserved-fd 1 (of 3): fd 4 was not passed to jrunc"),
                count("3,5", Map.of(), 3), "a gap is refused too");
    }

    @Test
    void aRecordTheLauncherCannotHaveWrittenCountsAsNone() {
        assertEquals(Either.left("unable to stat preserved-fd 0 (of 1): fd 3 was not passed to jrunc"),
                count("3,x", Map.of(), 1));
        assertEquals(Either.left("unable to stat preserved-fd 0 (of 1): fd 3 was not passed to jrunc"),
                count("3,", Map.of(), 1));
        assertEquals(Either.left("unable to stat preserved-fd 0 (of 1): fd 3 was not passed to jrunc"),
                count(" 3", Map.of(), 1));
    }

    @Test
    void listenFdsCountOnlyForThisProcess() {
        assertEquals(Either.right(0), count("", Map.of("LISTEN_FDS", "12"), 0), "no LISTEN_PID");
        assertEquals(Either.right(0), count("", Map.of("LISTEN_FDS", "12", "LISTEN_PID", "1"), 0), "another pid");
        assertEquals(Either.right(0), count("", Map.of("LISTEN_FDS", "12", "LISTEN_PID", "me"), 0));
        assertEquals(Either.right(2), count("3,4", Map.of("LISTEN_FDS", "2", "LISTEN_PID", "4242"), 0));
    }

    @Test
    void aListenFdCountThatIsNotACountMeansNone() {
        assertEquals(Either.right(0), count("", Map.of("LISTEN_FDS", "x", "LISTEN_PID", "4242"), 0));
        assertEquals(Either.right(0), count("", Map.of("LISTEN_FDS", "-2", "LISTEN_PID", "4242"), 0));
        assertEquals(Either.right(0), count("", Map.of("LISTEN_FDS", "", "LISTEN_PID", "4242"), 0));
    }

    @Test
    void aListenFdNotPassedIsRefusedNamingLISTEN_FDS() {
        assertEquals(Either.left("unable to use listen fd 1 (of 3, from LISTEN_FDS): fd 4 was not passed to jrunc"),
                count("3", Map.of("LISTEN_FDS", "3", "LISTEN_PID", "4242"), 0));
    }

    @Test
    void preservedFdsComeRightAfterTheListenFds() {
        Map<String, String> env = Map.of("LISTEN_FDS", "2", "LISTEN_PID", "4242");
        assertEquals(Either.right(3), count("3,4,5", env, 1));
        // The index counts from the first fd after the listen fds, as runc's baseFd.
        assertEquals(Either.left("unable to stat preserved-fd 1 (of 2): fd 6 was not passed to jrunc"),
                count("3,4,5", env, 2));
    }
}

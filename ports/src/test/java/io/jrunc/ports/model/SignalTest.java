package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalTest {
    @ParameterizedTest
    @CsvSource({"KILL,9", "SIGKILL,9", "sigterm,15", "term,15", "9,9", "SIGRTMIN,34", "RTMIN+3,37",
            "SIGRTMAX-1,63", "HUP,1", "IOT,6", "64,64"})
    void parsesNamesAndNumbersAsRuncKillDoes(String text, int number) {
        assertEquals(Optional.of(number), Signal.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SIGFOO", "0", "65", "-1", "RTMIN+40", "99999999999"})
    void refusesWhatIsNoSignal(String text) {
        assertTrue(Signal.parse(text).isEmpty());
    }
}

package io.jrunc.domain.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContainerIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"web", "a.b", "x_1", "c+d-e", "0123456789abcdef", "..a", "a.."})
    void acceptsWhatRuncAccepts(String id) {
        assertEquals(id, ContainerId.parse(id).get().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "..", ".", "/abs", "a b", "a\nb", "ü", "a:b", "../x"})
    void refusesIdsThatCouldNameAnotherPath(String id) {
        var error = ContainerId.parse(id).getLeft();
        assertTrue(error instanceof LifecycleError.InvalidId);
        assertEquals("invalid container ID format", error.message());
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256, 5000})
    void anIdOfAnyLengthIsWellFormedTheStoreJudgesWhetherItFitsAName(int length) {
        String id = "a".repeat(length);
        assertEquals(id, ContainerId.parse(id).get().value());
    }

    @Test
    void anEmptyIdGetsRuncsOwnMessage() {
        assertEquals("container id cannot be empty", ContainerId.parse("").getLeft().message());
    }
}

package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RootPathsTest {
    @Test
    void dotDotNeverClimbsAboveTheRoot() {
        assertEquals("/r/etc/passwd", RootPaths.join("/r", "/../../etc/passwd"));
        assertEquals("/r/b", RootPaths.join("/r/", "a/../../b"));
        assertEquals("/r", RootPaths.join("/r", "/.."));
    }

    @Test
    void joinsPlainPathsAsIs() {
        assertEquals("/r/dev/pts", RootPaths.join("/r", "/dev//pts/"));
    }
}

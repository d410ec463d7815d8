package io.jrunc.ports.model;

/** A terminal's size in characters, as struct winsize holds it (unsigned short each). */
public record WindowSize(int rows, int columns) {
    public WindowSize {
        if (rows < 0 || rows > 0xFFFF || columns < 0 || columns > 0xFFFF) {
            throw new IllegalArgumentException("window size " + rows + "x" + columns + " out of range");
        }
    }
}

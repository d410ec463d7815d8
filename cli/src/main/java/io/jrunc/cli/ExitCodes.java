package io.jrunc.cli;

/** runc exits 1 on every error; callers tell errors apart by the message, not the code. */
final class ExitCodes {
    static final int OK = 0;
    static final int ERROR = 1;
    /** picocli's code for a command line it cannot parse; runc also uses 1 for usage errors. */
    static final int USAGE = 1;

    private ExitCodes() {
    }
}

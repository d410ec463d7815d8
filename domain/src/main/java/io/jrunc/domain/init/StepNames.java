package io.jrunc.domain.init;

import java.util.Locale;

/** A step's name as the docs and the dry run print it: "prepare rootfs", "set hostname". */
public final class StepNames {
    private StepNames() {
    }

    public static String of(InitStep step) {
        if (step instanceof InitStep.RunHooks hooks) {
            return "run " + hooks.point().specName() + " hooks";
        }
        String simple = step.getClass().getSimpleName();
        return simple.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}

package io.jrunc.domain.runtime;

import io.jrunc.domain.config.SeccompAction;
import io.jrunc.domain.config.SeccompArch;
import io.jrunc.domain.config.SeccompFlag;
import java.util.Optional;

/**
 * What this host lends to jrunc's seccomp: libseccomp compiles the filter (and knows the architectures), the
 * kernel runs its actions and takes its flags. A config the host cannot carry out fails at create, so the
 * features document leaves out what the host lacks.
 */
public interface SeccompHost {
    /** Whether libseccomp can be loaded and compiles a filter at all. */
    boolean available();

    /** libseccomp's version, where it is known. */
    Optional<String> libseccompVersion();

    boolean knows(SeccompArch arch);

    boolean offers(SeccompAction action);

    boolean takes(SeccompFlag flag);
}

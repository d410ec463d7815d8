package io.jrunc.domain.archfixture;

import java.nio.file.Path;
import java.util.List;

/** Keeps every rule: paths as values are allowed in the domain. */
record DomainHoldingAPath(List<Path> maskedPaths) {}

/**
 * Deliberately bad classes, each breaking one hexagon rule, so {@code HexagonRulesCanFailTest} can show the rules
 * bite. They live under src/test, which {@code ImportOption.DoNotIncludeTests} keeps out of the real analysis.
 */
package io.jrunc.domain.archfixture;

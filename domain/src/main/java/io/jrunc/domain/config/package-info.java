/**
 * The OCI runtime-spec 1.2/1.3 configuration (config.md, config-linux.md) as immutable records.
 *
 * <p>Conventions, held throughout:
 * <ul>
 *   <li>No component is ever {@code null}. An optional value is an {@code Optional}, {@code OptionalInt}
 *       or {@code OptionalLong}; a list or map that config.json leaves out is empty.</li>
 *   <li>Where Go's specs-go uses a plain {@code bool}/{@code string}/number with {@code omitempty}, absent and
 *       zero mean the same thing, so the model uses a plain {@code boolean}/number, and an
 *       {@code Optional<String>} that is never {@code Optional.of("")}.</li>
 *   <li>Go {@code uint64} values (rlimits, cpu shares, ...) are held in a {@code long} read as unsigned
 *       ({@link java.lang.Long#toUnsignedString(long)}), so RLIM_INFINITY (2^64-1) survives a round trip.
 *       {@code uint32} values fit a {@code long} exactly.</li>
 *   <li>Closed sets are enums implementing {@link io.jrunc.domain.config.SpecEnum}.</li>
 * </ul>
 * Parsing lives at the edge (cli's SpecReader); semantic checks live in {@link io.jrunc.domain.config.SpecValidator}.
 */
package io.jrunc.domain.config;

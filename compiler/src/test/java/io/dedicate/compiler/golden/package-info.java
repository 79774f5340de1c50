/**
 * The golden tests: one parameterized test walking the repository's {@code golden/} folder, each
 * case an input and its approved output (a bundle or the diagnostics).
 */
@NullMarked
package io.dedicate.compiler.golden;

import org.jspecify.annotations.NullMarked;

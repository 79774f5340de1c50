/**
 * The compiler's diagnostics: one catalogue of message texts ({@code messages.properties}) and the
 * {@link io.dedicate.compiler.diagnostic.Reporter} through which loading and validation report
 * problems with a stable code, a message, a hint and a precise span.
 */
@NullMarked
package io.dedicate.compiler.diagnostic;

import org.jspecify.annotations.NullMarked;

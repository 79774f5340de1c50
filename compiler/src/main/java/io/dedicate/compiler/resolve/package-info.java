/**
 * From a validated AST to the immutable {@link io.dedicate.compiler.model}: the language's
 * semantics (quantities, known drivers and settings, name-based IDs) and the model builder.
 */
@NullMarked
package io.dedicate.compiler.resolve;

import org.jspecify.annotations.NullMarked;

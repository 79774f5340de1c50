/**
 * Validation: one {@link io.dedicate.compiler.validate.Rule} per class, all registered in {@link
 * io.dedicate.compiler.validate.ValidationRules#ALL}. Rules collect diagnostics, never throw.
 */
@NullMarked
package io.dedicate.compiler.validate;

import org.jspecify.annotations.NullMarked;

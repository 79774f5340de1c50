/** Tests of {@code io.dedicate.compiler.validate}. */
@NullMarked
package io.dedicate.compiler.validate;

import org.jspecify.annotations.NullMarked;

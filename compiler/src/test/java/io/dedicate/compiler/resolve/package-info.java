/** Tests of {@code io.dedicate.compiler.resolve}. */
@NullMarked
package io.dedicate.compiler.resolve;

import org.jspecify.annotations.NullMarked;

/** Tests of {@code io.dedicate.compiler.load}. */
@NullMarked
package io.dedicate.compiler.load;

import org.jspecify.annotations.NullMarked;

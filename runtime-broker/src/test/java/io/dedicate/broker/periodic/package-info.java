/** Tests of the runner of periodic passes. */
@NullMarked
package io.dedicate.broker.periodic;

import org.jspecify.annotations.NullMarked;

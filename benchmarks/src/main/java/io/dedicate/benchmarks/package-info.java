/** JMH benchmarks of the compiler; results and commands are in the README. */
@NullMarked
package io.dedicate.benchmarks;

import org.jspecify.annotations.NullMarked;

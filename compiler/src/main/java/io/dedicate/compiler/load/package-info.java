/**
 * Loading: finds offering files among the inputs, parses them, and splices included fragments into
 * the offerings that include them, reporting missing, misplaced, duplicate and cyclic includes.
 */
@NullMarked
package io.dedicate.compiler.load;

import org.jspecify.annotations.NullMarked;

/** The offering language: parsing offering files into an AST, with located diagnostics. */
@NullMarked
package io.dedicate.dsl;

import org.jspecify.annotations.NullMarked;

/** The {@code dedicate} command line: the boundary where diagnostics become an exit status. */
@NullMarked
package io.dedicate.cli;

import org.jspecify.annotations.NullMarked;

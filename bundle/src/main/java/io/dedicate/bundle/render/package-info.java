/** Renders an operation's files (pipeline, manifest, vars) and the meta pipeline from the bundle's templates. */
@NullMarked
package io.dedicate.bundle.render;

import org.jspecify.annotations.NullMarked;

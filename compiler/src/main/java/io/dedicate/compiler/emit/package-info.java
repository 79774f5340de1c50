/** One emitter per bundle artifact, all writing through a {@link io.dedicate.compiler.emit.FileManifest}. */
@NullMarked
package io.dedicate.compiler.emit;

import org.jspecify.annotations.NullMarked;

/**
 * The compiler: offering files in, bundle out. Loads files and includes, resolves names, validates
 * (collecting every diagnostic), builds the immutable {@link io.dedicate.compiler.model} and runs one
 * emitter per artifact.
 */
@NullMarked
package io.dedicate.compiler;

import org.jspecify.annotations.NullMarked;

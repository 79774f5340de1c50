/** The Maven plugin: {@code dedicate:compile} and {@code dedicate:check} in a Maven build. */
@NullMarked
package io.dedicate.maven;

import org.jspecify.annotations.NullMarked;

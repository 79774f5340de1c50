/**
 * {@code dedicate diff}: what a new version of an offering changes for the instances that already
 * exist, found by comparing two compiled bundle models ({@code model.json} with {@code sources.json}),
 * never the text. {@link io.dedicate.compiler.diff.BundleDiff} is the entry point; each {@link
 * io.dedicate.compiler.diff.Change} is breaking or compatible and points at the line in both versions.
 */
@NullMarked
package io.dedicate.compiler.diff;

import org.jspecify.annotations.NullMarked;

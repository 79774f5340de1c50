/**
 * The compiled offering: immutable, resolved and validated. Emitters read only this model; names
 * are resolved, quantities normalised (disk and memory in MB, durations in seconds, byte sizes in
 * bytes), defaults applied, IDs derived. Every element keeps the span of the source it came from.
 */
@NullMarked
package io.dedicate.compiler.model;

import org.jspecify.annotations.NullMarked;

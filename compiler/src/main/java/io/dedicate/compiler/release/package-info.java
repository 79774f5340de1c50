/**
 * BOSH release job specs: read from an extracted folder of {@code jobs/JOB/spec} files or from a
 * release tarball ({@code jobs/NAME.tgz} holding {@code job.MF} and {@code templates/*}), for the
 * rules that check a deployment's jobs and properties against them.
 */
@NullMarked
package io.dedicate.compiler.release;

import org.jspecify.annotations.NullMarked;

/**
 * What any layer answers a request with when it refuses it: refusals carrying an exact OSB status, the instance that
 * does not exist (any more), and the check of IDs that reach paths (git folders, URLs). The OSB surface maps them to
 * OSB error bodies.
 */
@NullMarked
package io.dedicate.broker.refusal;

import org.jspecify.annotations.NullMarked;

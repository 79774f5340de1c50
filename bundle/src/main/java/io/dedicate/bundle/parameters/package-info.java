/** Request parameters: checked against the plan's JSON Schema and model.json, normalised (byte sizes, durations), defaults and kept values applied. */
@NullMarked
package io.dedicate.bundle.parameters;

import org.jspecify.annotations.NullMarked;

/** HTTP tests against the running broker, with the headers a real platform sends. */
@NullMarked
package io.dedicate.broker.http;

import org.jspecify.annotations.NullMarked;

/** Secrets at rest: AES-GCM sealing of secret outputs and parameters, and one-operation report tokens stored as hashes. */
@NullMarked
package io.dedicate.broker.secrets;

import org.jspecify.annotations.NullMarked;

/** Secrets at rest: AES-GCM sealing of secret outputs and parameters, and the key reports are signed with. */
@NullMarked
package io.dedicate.broker.secrets;

import org.jspecify.annotations.NullMarked;

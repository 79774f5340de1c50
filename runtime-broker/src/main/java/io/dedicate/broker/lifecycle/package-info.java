/** A cluster's life: provision, update, upgrade, recreate and delete as operations, each tied to one git commit. */
@NullMarked
package io.dedicate.broker.lifecycle;

import org.jspecify.annotations.NullMarked;

/**
 * A cluster's life: provision, update, upgrade, recreate and delete as operations, each tied to one git commit; the
 * rules around them (plan transitions, sharing grants, quotas, delete protection, the update cascade to children), how
 * an operation is committed, polled, timed out and recovered, and the meta pipeline kept in step.
 */
@NullMarked
package io.dedicate.broker.cluster;

import org.jspecify.annotations.NullMarked;

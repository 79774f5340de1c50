/**
 * The runtime broker: serves any bundle over the Open Service Broker API, keeps state in JDBC and
 * runs each cluster's life by committing rendered pipelines to a git repository that Concourse
 * watches.
 */
@NullMarked
package io.dedicate.broker;

import org.jspecify.annotations.NullMarked;

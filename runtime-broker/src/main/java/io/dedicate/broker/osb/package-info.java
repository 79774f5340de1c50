/** The Open Service Broker API surface: the framework's service implementations, authentication, version check and errors. */
@NullMarked
package io.dedicate.broker.osb;

import org.jspecify.annotations.NullMarked;

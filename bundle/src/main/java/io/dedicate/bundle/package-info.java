/**
 * The bundle format: the contract between the compiler (which writes bundles) and the runtime
 * broker (which reads them). Nothing here knows the offering language.
 */
@NullMarked
package io.dedicate.bundle;

import org.jspecify.annotations.NullMarked;

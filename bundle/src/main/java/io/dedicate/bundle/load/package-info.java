/**
 * The bundle as the broker sees it: catalog bytes, prepared templates and parsed schemas, and the
 * offerings of model.json as the bundle's typed records ({@link io.dedicate.bundle.model}).
 */
@NullMarked
package io.dedicate.bundle.load;

import org.jspecify.annotations.NullMarked;

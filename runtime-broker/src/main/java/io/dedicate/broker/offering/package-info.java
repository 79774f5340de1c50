/** The bundle as the broker sees it: catalog bytes, offerings, plans, parameters and prepared templates, read from model.json. */
@NullMarked
package io.dedicate.broker.offering;

import org.jspecify.annotations.NullMarked;

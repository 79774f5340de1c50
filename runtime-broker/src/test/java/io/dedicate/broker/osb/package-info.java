/** Tests of the OSB web layer's own pieces, against the framework's behaviour they stand in for. */
@NullMarked
package io.dedicate.broker.osb;

import org.jspecify.annotations.NullMarked;

/**
 * Children: databases inside a dedicated cluster. The driver-independent rules (the cluster named in {@code -c
 * {"cluster": ...}}, admission, the same request again, bindings, stuck creates) and the {@link
 * io.dedicate.broker.children.ChildDriver} seam, whose implementation a plan's driver chooses once through {@link
 * io.dedicate.broker.children.ChildDrivers}.
 */
@NullMarked
package io.dedicate.broker.children;

import org.jspecify.annotations.NullMarked;

/**
 * {@code dedicate docs}: a Markdown file and a static HTML page per offering, built from the same
 * compiled model as the catalog ({@link io.dedicate.compiler.docs.OfferingDocs}). The page is first a
 * small document tree ({@link io.dedicate.compiler.docs.Page}), then rendered twice, so that both
 * forms say the same thing and every value is escaped for its form.
 */
@NullMarked
package io.dedicate.compiler.docs;

import org.jspecify.annotations.NullMarked;

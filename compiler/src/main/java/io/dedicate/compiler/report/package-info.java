/** Renderings of diagnostics for people (with the source line and a caret) and for tools (JSON). */
@NullMarked
package io.dedicate.compiler.report;

import org.jspecify.annotations.NullMarked;

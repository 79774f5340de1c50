/**
 * The offering language's abstract syntax tree: immutable records, each carrying the {@link
 * io.dedicate.dsl.SourceSpan} of the text it came from. Built from ANTLR's parse tree by the parser
 * (nothing outside {@code io.dedicate.dsl} sees ANTLR); read by the compiler.
 *
 * <p>The tree is syntactic: names are not resolved, quantities ({@code 10GB}, {@code 2h}) are kept
 * as written, and settings that only make sense for one kind of plan are accepted for both (the
 * compiler reports them with a precise diagnostic instead of a parse error).
 */
@NullMarked
package io.dedicate.dsl.ast;

import org.jspecify.annotations.NullMarked;

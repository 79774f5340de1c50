/**
 * The parser's machinery: the ANTLR grammar's generated lexer and parser, the lexical checks and
 * error listener that turn ANTLR's errors into {@link io.dedicate.dsl.Diagnostic}s, and the one
 * class that builds the AST from the parse tree. Nothing here is API: use {@link
 * io.dedicate.dsl.OfferingParser}. ANTLR types never leave this package.
 */
@NullMarked
package io.dedicate.dsl.internal;

import org.jspecify.annotations.NullMarked;

/**
 * The offering language's server for editors ({@code dedicate lsp}, LSP over stdio): diagnostics as you type from
 * the real compiler, completion of keywords and declared names, go-to-definition across includes, hover on
 * parameters. Nothing here parses on its own: every answer comes from the compiler's loader and checks.
 */
@NullMarked
package io.dedicate.lsp;

import org.jspecify.annotations.NullMarked;

package io.dedicate.lsp;

import io.dedicate.dsl.SourceSpan;

/**
 * A name an offering declares (a plan, a parameter, an output, a release, an instance group, ...), where, and what
 * an editor shows about it.
 *
 * @param kind what the name is, in the language's words ({@code cluster plan}, {@code parameter}, ...)
 * @param name the name as written
 * @param span where it is declared (the name itself)
 * @param signature one line that says what it is ({@code innodb_buffer_pool_size : bytes = 1GB})
 * @param documentation its description, or empty
 */
record Declaration(String kind, String name, SourceSpan span, String signature, String documentation) {}

package io.dedicate.dsl;

/** Anything that has a place in an offering file: AST nodes, model elements, diagnostics. */
public interface FromSourceSpan {
    SourceSpan span();
}

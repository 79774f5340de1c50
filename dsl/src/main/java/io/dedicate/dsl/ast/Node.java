package io.dedicate.dsl.ast;

import io.dedicate.dsl.FromSourceSpan;

/** Every AST node has a place in the source. */
public interface Node extends FromSourceSpan {}

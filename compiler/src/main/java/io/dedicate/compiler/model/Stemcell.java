package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;

/** The BOSH stemcell ({@code ubuntu-jammy} {@code 1.586}, or version {@code latest}). */
public record Stemcell(String os, String version, SourceSpan span) implements FromSourceSpan {}

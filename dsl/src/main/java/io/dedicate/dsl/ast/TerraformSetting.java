package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;

/** One line inside {@code terraform { ... }}. */
public sealed interface TerraformSetting extends Node {

    /** {@code module "git::https://..."}: the Terraform module source. */
    record Module(Text source, SourceSpan span) implements TerraformSetting {}

    /** {@code var name = expr}. */
    record Var(Name name, Expr value, SourceSpan span) implements TerraformSetting {}
}

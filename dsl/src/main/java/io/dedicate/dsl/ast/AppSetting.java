package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;

/** One line inside {@code app NAME { ... }}. */
public sealed interface AppSetting extends Node {

    /** {@code source "https://.../app.zip"}: where the app's bits come from. */
    record Source(Text location, SourceSpan span) implements AppSetting {}

    record Buildpack(Text buildpack, SourceSpan span) implements AppSetting {}

    record Memory(Value.Quantity size, SourceSpan span) implements AppSetting {}

    record Disk(Value.Quantity size, SourceSpan span) implements AppSetting {}

    record Instances(Value.Num count, SourceSpan span) implements AppSetting {}

    /** {@code target org "service-ops" space "dashboards"}. */
    record Target(Expr org, Expr space, SourceSpan span) implements AppSetting {}

    record Route(Expr route, SourceSpan span) implements AppSetting {}

    /** {@code env PMA_HOST = outputs.host}. */
    record Env(Name name, Expr value, SourceSpan span) implements AppSetting {}
}

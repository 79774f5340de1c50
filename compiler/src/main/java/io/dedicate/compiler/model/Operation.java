package io.dedicate.compiler.model;

/**
 * A lifecycle operation of a cluster; each has its own pipeline template. {@code DEPLOY} creates
 * the cluster, {@code UPDATE} applies a plan or parameter change (same pipeline template as deploy).
 */
public enum Operation {
    DEPLOY,
    UPDATE,
    RECREATE,
    UPGRADE,
    DELETE;

    /** Lowercase name, as in the language and in template variables. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

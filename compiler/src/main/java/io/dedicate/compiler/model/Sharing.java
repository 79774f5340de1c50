package io.dedicate.compiler.model;

/**
 * Whether a cluster may be used by children from other spaces or orgs.
 *
 * @param requiresGrant the cluster's owner must grant the requesting space explicitly
 */
public record Sharing(Scope scope, boolean requiresGrant) {

    public static final Sharing NONE = new Sharing(Scope.NONE, false);

    public enum Scope {
        /** Children only from the cluster's own space. */
        NONE,
        /** Children from other spaces of the cluster's org. */
        SPACES,
        /** Children from any space of any org. */
        ORGS
    }
}

package io.dedicate.bundle.model;

/**
 * Who may create children in a cluster outside its own space.
 *
 * @param requiresGrant whether the cluster's owner must grant a space first ({@link BuiltInParameter#GRANTS})
 */
public record Sharing(SharingScope scope, boolean requiresGrant) {}

package io.dedicate.broker.offering;

/**
 * Who may create children in a cluster outside its own space: {@code scope} is {@code none},
 * {@code spaces} or {@code orgs}; {@code requiresGrant} says whether the owner must grant it first.
 */
public record Sharing(String scope, boolean requiresGrant) {}

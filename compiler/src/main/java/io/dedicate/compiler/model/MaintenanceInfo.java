package io.dedicate.compiler.model;

/**
 * OSB {@code maintenance_info} of the cluster plans, derived from the offering's version and its
 * releases and stemcell: changing any of them offers an upgrade to existing clusters.
 *
 * @param version semantic version: the offering version plus build metadata naming the releases
 * @param description human-readable list of what is deployed
 */
public record MaintenanceInfo(String version, String description) {}

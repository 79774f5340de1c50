package io.dedicate.bundle.model;

/** The OSB {@code maintenance_info} the cluster plans advertise: an instance on another version can be upgraded. */
public record MaintenanceInfo(String version, String description) {}

package io.dedicate.compiler.model;

/**
 * What the OSB catalog says of an offering besides its name and plans.
 *
 * @param id the service ID: declared, or a name-based UUID that never changes between compiles
 * @param metadata the service object's descriptive fields and flags
 * @param maintenanceInfo the {@code maintenance_info} of every cluster plan
 */
public record CatalogEntry(String id, ServiceMetadata metadata, MaintenanceInfo maintenanceInfo) {}

package io.dedicate.bundle.model;

import java.util.List;

/**
 * The variables every bundle template may use, and the Concourse credentials the rendered pipelines
 * read: the contract between the compiler's template emitters and the broker that renders them.
 *
 * @param instance variables of a cluster's own templates (pipelines, manifest, hook ops files)
 * @param metaPipeline variables of the meta pipeline (the root, which sets one shard per org, and each org's shard,
 *     which sets one pipeline per cluster of the org: one template, two shapes chosen by {@code org})
 * @param credentials Concourse {@code ((name))} credentials the platform team provides once
 */
public record TemplateVariables(List<Variable> instance, List<Variable> metaPipeline, List<Credential> credentials) {

    public TemplateVariables {
        instance = List.copyOf(instance);
        metaPipeline = List.copyOf(metaPipeline);
        credentials = List.copyOf(credentials);
    }

    /**
     * One variable: dotted name as templates write it ({@code instance.id}), JSON type of its value
     * ({@code string}, {@code integer|null}, {@code array<string>}...), and what it holds.
     */
    public record Variable(String name, String type, String description) {}

    /** One Concourse credential, read as {@code ((name))}. */
    public record Credential(String name, String description) {}
}

package io.dedicate.bundle.render;

/**
 * One instance in the meta pipeline: the name of its Concourse pipeline (chosen by the caller) and
 * its folder in the deployment repository.
 */
public record MetaPipelineEntry(String name, String path) {}

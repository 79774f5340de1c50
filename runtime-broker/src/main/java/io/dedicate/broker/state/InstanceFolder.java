package io.dedicate.broker.state;

/** A cluster instance that has a folder in the git repository: what the meta pipeline lists. */
public record InstanceFolder(String instanceId, String gitPath) {}

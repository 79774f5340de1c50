package io.dedicate.broker.git;

/**
 * What {@link GitDeployer#commit(ChangeSet)} did.
 *
 * @param commitId the commit that holds the change set (40 hex digits): the new commit, or the existing tip when
 *     {@code alreadyCommitted}
 * @param alreadyCommitted true when the operation had been committed before (for example by a broker that stopped
 *     between its commit and its database write) and nothing new was committed
 */
public record CommitResult(String commitId, boolean alreadyCommitted) {}

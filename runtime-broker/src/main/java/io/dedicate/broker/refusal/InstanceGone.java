package io.dedicate.broker.refusal;

/**
 * The instance was deleted: a repeated delete or a request about it answers 410 Gone, which the
 * platform takes as "already done".
 */
public final class InstanceGone extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InstanceGone(String instanceId) {
        super("service instance " + instanceId + " does not exist (any more)");
    }
}

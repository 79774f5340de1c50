package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.List;

/**
 * A registration in a shared deployment (Prometheus scrape job, Shield backup job): an ops file
 * added to the shared deployment when the cluster is deployed and removed when it is deleted.
 */
public record Hook(
        String name,
        String sharedDeployment,
        List<Trigger> register,
        List<Trigger> deregister,
        List<OpsEntry> ops,
        SourceSpan span)
        implements FromSourceSpan {

    public Hook {
        register = List.copyOf(register);
        deregister = List.copyOf(deregister);
        ops = List.copyOf(ops);
    }

    /** One BOSH ops-file {@code replace} entry. */
    public record OpsEntry(String path, Expression value, SourceSpan span) implements FromSourceSpan {}
}

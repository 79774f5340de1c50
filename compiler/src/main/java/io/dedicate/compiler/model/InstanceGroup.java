package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A BOSH instance group. Values left null come from the plan's {@link Sizing} at render time.
 *
 * @param errand true for {@code lifecycle errand} groups
 * @param instances fixed instance count, or null to take the plan's
 * @param networks explicit networks, or empty for the deployment's default network
 * @param azs explicit azs, or empty for the plan's
 */
public record InstanceGroup(
        String name,
        boolean errand,
        @Nullable Integer instances,
        @Nullable String vmType,
        @Nullable Integer diskMb,
        List<String> networks,
        List<String> azs,
        List<Job> jobs,
        SourceSpan span)
        implements FromSourceSpan {

    public InstanceGroup {
        networks = List.copyOf(networks);
        azs = List.copyOf(azs);
        jobs = List.copyOf(jobs);
    }
}

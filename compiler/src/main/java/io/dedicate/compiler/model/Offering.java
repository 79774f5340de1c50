package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.List;

/**
 * One on-demand dedicated service offering: an OSB service whose cluster plans create a dedicated
 * cluster and whose child plans create things (databases) inside one.
 *
 * @param name the service name in the catalog ({@code mysql-on-demand})
 * @param version the offering's own version ({@code 1.4.0}), part of {@code maintenance_info}
 * @param catalog what the OSB catalog says of the service besides its plans
 * @param plans all plans in source order and the allowed plan changes
 * @param parameters the parameters of each OSB request
 * @param automation what the pipelines deploy and run around a cluster
 * @param outputs what a cluster reports to its bindings and children
 * @param policy what the broker enforces between clusters, spaces and orgs
 */
public record Offering(
        String name,
        String version,
        CatalogEntry catalog,
        Plans plans,
        ParameterSet parameters,
        Automation automation,
        List<Output> outputs,
        BrokerPolicy policy,
        SourceSpan span)
        implements FromSourceSpan {

    public Offering {
        outputs = List.copyOf(outputs);
    }

    /** This offering with other parameters, everything else the same. */
    public Offering withParameters(ParameterSet replacement) {
        return new Offering(name, version, catalog, plans, replacement, automation, outputs, policy, span);
    }
}

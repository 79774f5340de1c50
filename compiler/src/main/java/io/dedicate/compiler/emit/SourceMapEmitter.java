package io.dedicate.compiler.emit;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.model.ParameterScope;
import io.dedicate.bundle.model.SourceLocation;
import io.dedicate.bundle.model.SourceMap;
import io.dedicate.bundle.model.SourceMapWriter;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.Plan;
import io.dedicate.compiler.model.PlanTransition;
import io.dedicate.compiler.model.Release;
import io.dedicate.dsl.SourceSpan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code sources.json} ({@link SourceMap}): where the offering, each plan, parameter, upgrade
 * path, release and the stemcell were declared, with files relative to the directory of the offering
 * file, so that the bytes do not depend on where the compiler ran.
 */
public final class SourceMapEmitter implements Emitter {

    @Override
    public String name() {
        return "sources";
    }

    @Override
    public void emit(List<Offering> offerings, FileManifest manifest) {
        manifest.writeFile(BundleLayout.SOURCES, SourceMapWriter.write(sources(offerings)));
    }

    /** The source map of {@code offerings}. */
    public static SourceMap sources(List<Offering> offerings) {
        Map<String, Map<String, SourceLocation>> all = new LinkedHashMap<>();
        for (Offering offering : offerings) {
            all.put(offering.name(), elements(offering));
        }
        return new SourceMap(all);
    }

    private static Map<String, SourceLocation> elements(Offering offering) {
        Path home = parent(offering.span().file());
        Map<String, SourceLocation> elements = new LinkedHashMap<>();
        put(elements, SourceMap.OFFERING, offering.span(), home);
        for (Plan plan : offering.plans().all()) {
            put(elements, SourceMap.plan(plan.name()), plan.span(), home);
        }
        for (ParameterScope scope : ParameterScope.values()) {
            for (Parameter parameter : scoped(offering, scope)) {
                put(elements, SourceMap.parameter(scope, parameter.name()), parameter.span(), home);
            }
        }
        for (PlanTransition upgrade : offering.plans().upgrades()) {
            put(elements, SourceMap.upgrade(upgrade.from(), upgrade.to()), upgrade.span(), home);
        }
        for (Release release : offering.automation().releases()) {
            put(elements, SourceMap.release(release.name()), release.span(), home);
        }
        if (offering.automation().stemcell() != null) {
            put(elements, SourceMap.STEMCELL, offering.automation().stemcell().span(), home);
        }
        return elements;
    }

    private static List<Parameter> scoped(Offering offering, ParameterScope scope) {
        return switch (scope) {
            case CLUSTER_CREATE -> offering.parameters().clusterCreate();
            case CLUSTER_UPDATE -> offering.parameters().clusterUpdate();
            case CHILD_CREATE -> offering.parameters().childCreate();
            case BINDING_CREATE -> offering.parameters().bindingCreate();
        };
    }

    private static void put(Map<String, SourceLocation> elements, String key, SourceSpan span, Path home) {
        if (span.equals(SourceSpan.NONE)) {
            return;
        }
        elements.putIfAbsent(key, new SourceLocation(relative(span.file(), home), span.line(), span.column()));
    }

    private static Path parent(String file) {
        Path parent = Path.of(file).normalize().getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String relative(String file, Path home) {
        Path path = Path.of(file).normalize();
        if (path.isAbsolute() != home.isAbsolute()) {
            path = path.toAbsolutePath();
            home = home.toAbsolutePath();
        }
        return home.relativize(path).toString().replace('\\', '/');
    }
}

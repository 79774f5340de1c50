package io.dedicate.maven;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.report.DiagnosticSummary;
import io.dedicate.compiler.report.HumanDiagnosticRenderer;
import io.dedicate.dsl.Diagnostic;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code compile} and {@code check} share: the offerings directory, the release specs, and how
 * diagnostics reach the build log (one {@code file:line:column: severity[code]: message} line per
 * diagnostic, with an absolute path so that IDEs link it, then the source line and the hint).
 */
abstract class AbstractOfferingsMojo extends AbstractMojo {

    /** The directory searched (recursively) for {@code *.offering} files. */
    @Parameter(property = "dedicate.offerings", defaultValue = "${project.basedir}/src/main/offerings", required = true)
    @SuppressWarnings("NullAway.Init")
    File offeringsDirectory;

    /**
     * Release specs by the release's name in the offering, as {@code dedicate --release-specs
     * NAME=PATH}: a release tarball or an extracted folder of {@code jobs/JOB/spec} files.
     */
    @Parameter
    Map<String, File> releaseSpecs = new LinkedHashMap<>();

    /** Skips the goal. */
    @Parameter(property = "dedicate.skip", defaultValue = "false")
    boolean skip;

    /** The offerings directory, absolute and normalised, so that diagnostics name files by absolute paths. */
    final Path offerings() throws MojoExecutionException {
        Path directory = offeringsDirectory.toPath().toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new MojoExecutionException(
                    "offeringsDirectory " + directory
                            + " is not a directory: put the *.offering files in src/main/offerings or set <offeringsDirectory>");
        }
        return directory;
    }

    /** The release specs, each checked to exist (bad configuration fails before anything is compiled). */
    final Map<String, Path> releaseSpecPaths() throws MojoExecutionException {
        Map<String, Path> paths = new TreeMap<>();
        for (Map.Entry<String, File> given : releaseSpecs.entrySet()) {
            Path path = given.getValue().toPath().toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw new MojoExecutionException("<releaseSpecs><" + given.getKey() + ">" + given.getValue()
                        + "</" + given.getKey() + ">: " + path
                        + " does not exist (a release tarball or a folder with jobs/JOB/spec files)");
            }
            paths.put(given.getKey(), path);
        }
        return paths;
    }

    final OfferingCompiler compiler() throws MojoExecutionException {
        return new OfferingCompiler(releaseSpecPaths());
    }

    /**
     * Logs every diagnostic (errors as errors, warnings as warnings) and fails the build when there
     * is an error, naming the first one so that the failure summary links it too.
     */
    final void report(CompileResult result) throws MojoFailureException {
        Log log = getLog();
        HumanDiagnosticRenderer renderer = new HumanDiagnosticRenderer(result.sources());
        for (Diagnostic diagnostic : result.diagnostics()) {
            for (String line : renderer.render(diagnostic).lines().toList()) {
                if (diagnostic.isError()) {
                    log.error(line);
                } else {
                    log.warn(line);
                }
            }
        }
        List<Diagnostic> diagnostics = result.diagnostics();
        if (result.hasErrors()) {
            Diagnostic first =
                    diagnostics.stream().filter(Diagnostic::isError).findFirst().orElseThrow();
            throw new MojoFailureException(
                    "offering files have " + DiagnosticSummary.of(diagnostics) + "; first: " + first.toLine());
        }
        if (!diagnostics.isEmpty()) {
            log.warn(DiagnosticSummary.of(diagnostics));
        }
    }
}

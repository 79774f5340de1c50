package io.dedicate.maven;

import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.BundleWriter;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.model.Offering;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.jspecify.annotations.Nullable;

/**
 * {@code dedicate:compile}: compiles the offerings into the bundle jar, like {@code dedicate compile
 * --out target/FINAL_NAME.jar}, and attaches it to the project: as the project's own artifact
 * (packaging {@code dedicate-bundle}) or under a classifier (any packaging). Fails the build on
 * errors, one {@code file:line:column} line per diagnostic.
 *
 * <p>Incremental: when every file the last compile read (the offerings directory, and fragments
 * included from outside it), the release specs and the plugin version are unchanged and the jar is
 * still there, the compile is skipped and the jar attached as it is.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public final class CompileMojo extends AbstractOfferingsMojo {

    /** The packaging whose main artifact is the bundle jar (the plugin declares it as an extension). */
    static final String PACKAGING = "dedicate-bundle";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    @SuppressWarnings("NullAway.Init")
    MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    @SuppressWarnings("NullAway.Init")
    PluginDescriptor plugin;

    private final MavenProjectHelper projectHelper;

    /** Where the jar is written, and where the build state of the incremental check is kept. */
    @Parameter(defaultValue = "${project.build.directory}", required = true)
    @SuppressWarnings("NullAway.Init")
    File outputDirectory;

    /** The jar's name without {@code .jar} (and without the classifier). */
    @Parameter(defaultValue = "${project.build.finalName}", required = true)
    @SuppressWarnings("NullAway.Init")
    String finalName;

    /**
     * Attach the bundle under this classifier ({@code FINAL_NAME-CLASSIFIER.jar}). Without one, the
     * bundle is the project's artifact, which needs {@code <packaging>dedicate-bundle</packaging>}.
     */
    @Parameter(property = "dedicate.classifier")
    @Nullable
    String classifier;

    /** Attach the jar to the project (installed and deployed with it). */
    @Parameter(property = "dedicate.attach", defaultValue = "true")
    boolean attach = true;

    @Inject
    public CompileMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("dedicate:compile skipped");
            return;
        }
        Optional<String> classified = Optional.ofNullable(classifier).filter(c -> !c.isBlank());
        if (attach && classified.isEmpty() && !PACKAGING.equals(project.getPackaging())) {
            throw new MojoExecutionException("the bundle can be the project's artifact only with <packaging>"
                    + PACKAGING + "</packaging> (and the plugin declared with <extensions>true</extensions>);"
                    + " with packaging `" + project.getPackaging()
                    + "` set <classifier> (e.g. bundle) to attach it next to the project's artifact");
        }
        Path offerings = offerings();
        Map<String, Path> specs = releaseSpecPaths();
        Path jar = outputDirectory
                .toPath()
                .toAbsolutePath()
                .resolve(finalName + classified.map(c -> "-" + c).orElse("") + ".jar");
        BuildState state = new BuildState(
                outputDirectory.toPath().toAbsolutePath().resolve("dedicate").resolve(jar.getFileName() + ".state"));
        try {
            String configuration = BuildState.configuration(plugin.getVersion(), specs);
            if (state.upToDate(jar, offerings, configuration)) {
                getLog().info("bundle " + jar + " is up to date (offerings unchanged since it was compiled)");
            } else {
                compile(offerings, specs, jar, state, configuration);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the bundle " + jar + ": " + e.getMessage(), e);
        }
        if (attach) {
            if (classified.isPresent()) {
                projectHelper.attachArtifact(project, "jar", classified.get(), jar.toFile());
            } else {
                project.getArtifact().setFile(jar.toFile());
            }
        }
    }

    private void compile(Path offerings, Map<String, Path> specs, Path jar, BuildState state, String configuration)
            throws MojoFailureException, IOException {
        state.forget();
        Bundle bundle = new OfferingCompiler(specs).compile(List.of(offerings));
        report(bundle.result());
        new BundleWriter().write(bundle.files().files(), jar);
        state.record(offerings, bundle.result().sources().keySet(), configuration);
        getLog().info("compiled " + bundle.result().offerings().size() + " offering(s) ("
                + bundle.result().offerings().stream().map(Offering::name).collect(Collectors.joining(", "))
                + ") into " + jar + ": " + bundle.files().files().size() + " files");
    }
}

package io.dedicate.maven;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.model.Offering;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code dedicate:check}: everything {@code compile} does (every rule, every template rendered with
 * sample values) except writing the bundle, like {@code dedicate check}. Fails the build on errors.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class CheckMojo extends AbstractOfferingsMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("dedicate:check skipped");
            return;
        }
        Path offerings = offerings();
        CompileResult result = compiler().compile(List.of(offerings)).result();
        report(result);
        getLog().info("ok: " + result.offerings().size() + " offering(s) checked ("
                + result.offerings().stream().map(Offering::name).collect(Collectors.joining(", ")) + ")");
    }
}

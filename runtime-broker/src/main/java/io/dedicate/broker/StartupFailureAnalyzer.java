package io.dedicate.broker;

import io.dedicate.broker.git.GitDeployException;
import io.dedicate.broker.secrets.SecretBoxException;
import io.dedicate.bundle.load.BundleLoadException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns the broker's own start-up failures (a bad bundle, an unreachable deployment repository, a
 * bad secrets key, a missing setting) into Spring Boot's short "APPLICATION FAILED TO START"
 * report, with what to do, instead of a stack trace.
 */
public final class StartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof BundleLoadException) {
                return new FailureAnalysis(
                        message,
                        "Compile the offerings again (./dedicate compile OFFERINGS --out DIR_OR_JAR) and point"
                                + " --dedicate.bundle (or ./dedicate serve --bundle) at the result.",
                        cause);
            }
            if (cause instanceof GitDeployException) {
                return new FailureAnalysis(
                        message,
                        "Check dedicate.git.uri, the branch and the credentials (dedicate.git.username/token or"
                                + " dedicate.git.ssh-private-key and ssh-known-hosts), or leave dedicate.git.uri"
                                + " empty for the local repository in the data directory.",
                        cause);
            }
            if (cause instanceof SecretBoxException) {
                return new FailureAnalysis(
                        message,
                        "Give a base64 256-bit key in dedicate.secrets.key, or a key file readable by its owner only"
                                + " (mode 0600) in dedicate.secrets.key-file.",
                        cause);
            }
            if (cause instanceof IllegalStateException && message.startsWith("no bundle to serve")) {
                return new FailureAnalysis(message, "Start the broker with a bundle.", cause);
            }
        }
        return null;
    }
}

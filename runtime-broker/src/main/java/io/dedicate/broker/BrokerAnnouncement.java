package io.dedicate.broker;

import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.osb.BrokerCredentials;
import io.dedicate.broker.secrets.SecretParametersRecipient;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.render.OperationRenderer;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Tells the operator, once the broker answers, what it needs to register it with a platform: the
 * URL, the credentials (the password only when it was generated) and the deployment repository.
 */
public final class BrokerAnnouncement implements ApplicationListener<ApplicationReadyEvent> {

    private final LoadedBundle bundle;
    private final BrokerCredentials credentials;
    private final GitDeployer git;
    private final SecretParametersRecipient secretParameters;

    public BrokerAnnouncement(
            LoadedBundle bundle,
            BrokerCredentials credentials,
            GitDeployer git,
            SecretParametersRecipient secretParameters) {
        this.bundle = bundle;
        this.credentials = credentials;
        this.git = git;
        this.secretParameters = secretParameters;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : 0;
        String url = "http://" + environment.getProperty("server.address", "127.0.0.1") + ":" + port;
        StringBuilder text = new StringBuilder();
        text.append("dedicate broker ready at ").append(url).append('\n');
        text.append("  offerings:  ")
                .append(String.join(
                        ", ",
                        bundle.offerings().stream().map(OfferingModel::name).toList()))
                .append(" (bundle ")
                .append(bundle.digest())
                .append(")\n");
        text.append("  user:       ").append(credentials.username()).append('\n');
        text.append("  password:   ")
                .append(
                        credentials.generated()
                                ? credentials.password() + "   (generated: set DEDICATE_BROKER_PASSWORD to choose one)"
                                : "(from DEDICATE_BROKER_PASSWORD)")
                .append('\n');
        text.append("  git:        ")
                .append(git.uri())
                .append(" (branch ")
                .append(git.branch())
                .append(")\n");
        if (OperationRenderer.hasSecretParameters(bundle)) {
            Path key = secretParameters.privateKeyFile();
            text.append("  secrets:    ")
                    .append(
                            key != null
                                    ? "put the content of " + key.toAbsolutePath()
                                            + " in Concourse's credential manager as secret_parameters_private_key"
                                    : "secret parameters are encrypted to " + secretParameters.certificateFile()
                                            + ": its private key goes in Concourse's credential manager as"
                                            + " secret_parameters_private_key")
                    .append('\n');
        }
        text.append("  register:   cf create-service-broker dedicate ")
                .append(credentials.username())
                .append(" <password> ")
                .append(url)
                .append('\n');
        System.out.print(text);
        System.out.flush();
    }
}

package io.dedicate.broker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker's own settings ({@code dedicate.*}), bound from the command line, the environment and
 * {@code application.properties} like any Spring Boot property.
 *
 * @param bundle the bundle to serve: a directory or a jar written by {@code dedicate compile}
 * @param data the data directory: the embedded state database, the local deployment repository
 *     (or the mirror of a remote one) and the secrets key file
 * @param publicUrl how pipelines and users reach this broker (report URLs and dashboard links);
 *     default {@code http://BIND:PORT}
 * @param username the broker's basic-auth user ({@code DEDICATE_BROKER_USERNAME}); generated when
 *     empty
 * @param password the broker's basic-auth password ({@code DEDICATE_BROKER_PASSWORD}); generated
 *     when empty
 * @param defaultOperationTimeout how long an operation may run when its plan sets no {@code
 *     max_polling}
 * @param recoveryInterval how often pending git commits are retried and overdue operations failed
 * @param metaPipelineDelay how long a change of the set of clusters waits for others before the meta pipeline is
 *     committed: one commit per delay however many provisions, each of which holds the repository for a render of
 *     every cluster (50 ms with 10,000) and an fsync'd commit; Concourse checks the repository every minute by default
 * @param reports how pipelines' reports are authenticated
 * @param dashboard the instance dashboards' signed links
 */
@ConfigurationProperties("dedicate")
public record BrokerSettings(
        @Nullable Path bundle,
        @DefaultValue("./data") Path data,
        @Nullable URI publicUrl,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("PT2H") Duration defaultOperationTimeout,
        @DefaultValue("PT30S") Duration recoveryInterval,
        @DefaultValue("PT5S") Duration metaPipelineDelay,
        @DefaultValue Git git,
        @DefaultValue Concourse concourse,
        @DefaultValue Secrets secrets,
        @DefaultValue Reports reports,
        @DefaultValue Dashboard dashboard) {

    /**
     * The deployment repository.
     *
     * @param uri a remote repository (HTTPS, SSH or a path); empty: the local bare repository
     *     {@code DATA/deployments.git}
     * @param branch the branch pipelines are committed to
     * @param username HTTPS user
     * @param token HTTPS token or password
     * @param sshPrivateKey SSH private key file
     * @param sshKnownHosts SSH known_hosts file
     * @param acceptNewHostKeys accept (and remember) SSH host keys not yet known: off by default
     */
    public record Git(
            @Nullable String uri,
            @DefaultValue("main") String branch,
            @Nullable String username,
            @Nullable String token,
            @Nullable Path sshPrivateKey,
            @Nullable Path sshKnownHosts,
            @DefaultValue("false") boolean acceptNewHostKeys) {

        @Override
        public String toString() {
            return "Git[uri=" + uri + ", branch=" + branch + ", username=" + username + ", token="
                    + (token == null ? "none" : "(secret)") + "]";
        }
    }

    /**
     * Where the instances' pipelines run, for dashboard links.
     *
     * @param url the Concourse web URL; empty: dashboards link to the broker
     * @param team the Concourse team that owns the pipelines
     */
    public record Concourse(
            @Nullable URI url, @DefaultValue("main") String team) {}

    /**
     * The key pipelines sign their reports with (HMAC-SHA256), the same as Concourse's {@code ((report_signing_key))}.
     *
     * @param signingKey 64 lower-case hex characters ({@code DEDICATE_REPORT_SIGNING_KEY}); empty: the key file is used
     * @param signingKeyFile a file holding that text, mode 0600; default {@code DATA/report-signing.key}, generated at
     *     first start when absent (a configured file must exist)
     */
    public record Reports(
            @Nullable String signingKey, @Nullable Path signingKeyFile) {

        @Override
        public String toString() {
            return "Reports[signingKey=" + (signingKey == null || signingKey.isBlank() ? "none" : "(secret)")
                    + ", signingKeyFile=" + signingKeyFile + "]";
        }
    }

    /**
     * The key that seals secret outputs and parameters at rest (AES-256-GCM), and the certificate secret parameters
     * are encrypted to for the pipelines ({@code secrets.cms}).
     *
     * @param key a base64 256-bit key; empty: the key file is used
     * @param keyFile the key file; default {@code DATA/secret.key}, created with mode 0600
     * @param recipientCertificateFile a PEM X.509 certificate with an RSA key, whose private key Concourse's credential
     *     manager holds as {@code ((secret_parameters_private_key))}; default: {@code DATA/secret-parameters.crt},
     *     generated with its private key {@code DATA/secret-parameters.key} (0600) at first start
     */
    public record Secrets(
            @Nullable String key,
            @Nullable Path keyFile,
            @Nullable Path recipientCertificateFile) {

        @Override
        public String toString() {
            return "Secrets[key=" + (key == null ? "none" : "(secret)") + ", keyFile=" + keyFile
                    + ", recipientCertificateFile=" + recipientCertificateFile + "]";
        }
    }

    /**
     * The instance dashboards.
     *
     * @param linkValidity how long a signed {@code dashboard_url} stays valid once handed out (a
     *     GET of the instance hands out a fresh one)
     */
    public record Dashboard(@DefaultValue("P30D") Duration linkValidity) {}

    @Override
    public String toString() {
        return "BrokerSettings[bundle=" + bundle + ", data=" + data + ", publicUrl=" + publicUrl + ", username="
                + username + ", password=" + (password == null ? "none" : "(secret)") + ", git=" + git
                + ", concourse=" + concourse + ", secrets=" + secrets + ", reports=" + reports + "]";
    }
}

package io.dedicate.broker;

import io.dedicate.broker.children.ChildBindings;
import io.dedicate.broker.children.ChildDrivers;
import io.dedicate.broker.children.ChildLifecycle;
import io.dedicate.broker.cluster.ClusterCascade;
import io.dedicate.broker.cluster.ClusterLifecycle;
import io.dedicate.broker.cluster.DeleteProtection;
import io.dedicate.broker.cluster.MetaPipelineSync;
import io.dedicate.broker.cluster.OperationCommitter;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.cluster.OperationRecovery;
import io.dedicate.broker.cluster.OperationStatus;
import io.dedicate.broker.datadir.DataDirectory;
import io.dedicate.broker.drivers.ClusterBrokerClient;
import io.dedicate.broker.drivers.DelegatedChildren;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.drivers.MysqlChildren;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.git.GitSettings;
import io.dedicate.broker.git.StaleLocks;
import io.dedicate.broker.osb.ApiVersionFilter;
import io.dedicate.broker.osb.BasicAuthFilter;
import io.dedicate.broker.osb.BodyLimitFilter;
import io.dedicate.broker.osb.BrokerCredentials;
import io.dedicate.broker.osb.BundleCatalogService;
import io.dedicate.broker.osb.CatalogFilter;
import io.dedicate.broker.osb.DedicatedBindingService;
import io.dedicate.broker.osb.DedicatedServiceInstanceService;
import io.dedicate.broker.osb.DurableAnswerFilter;
import io.dedicate.broker.osb.OsbErrorReportValve;
import io.dedicate.broker.report.OperationReports;
import io.dedicate.broker.secrets.DashboardLinks;
import io.dedicate.broker.secrets.ReportSigningKey;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.secrets.SecretParametersEnvelope;
import io.dedicate.broker.secrets.SecretParametersRecipient;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.CleanupStore;
import io.dedicate.broker.state.DelegatedOperationStore;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.broker.state.StateDatabase;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.render.OperationRenderer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the broker's parts from {@link BrokerSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerSettings.class)
public class BrokerConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfiguration.class);

    @Bean
    LoadedBundle loadedBundle(BrokerSettings settings) {
        Path bundle = settings.bundle();
        if (bundle == null) {
            throw new IllegalStateException(
                    "no bundle to serve: start the broker with --dedicate.bundle=DIR_OR_JAR (or ./dedicate serve OFFERINGS_DIR)");
        }
        return BundleLoader.load(bundle);
    }

    @Bean
    BrokerCredentials brokerCredentials(BrokerSettings settings) {
        return BrokerCredentials.of(settings.username(), settings.password());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    StateDatabase stateDatabase(DataSource dataSource, Clock clock) {
        return new StateDatabase(dataSource, clock);
    }

    @Bean
    InstanceStore instanceStore(StateDatabase database) {
        return new InstanceStore(database);
    }

    @Bean
    OperationStore operationStore(StateDatabase database) {
        return new OperationStore(database);
    }

    @Bean
    ChildStore childStore(StateDatabase database) {
        return new ChildStore(database);
    }

    @Bean
    BindingStore bindingStore(StateDatabase database) {
        return new BindingStore(database);
    }

    /**
     * The data directory, locked from start to stop and made private; the state database (H2 lives there) and the
     * deployment repository are opened only once it is held ({@link DataDirectoryFirst}).
     */
    @Bean(destroyMethod = "close")
    DataDirectory dataDirectory(BrokerSettings settings) {
        return DataDirectory.lock(settings.data());
    }

    /** Makes the data source wait for the data directory's lock. */
    @Bean
    static DataDirectoryFirst dataDirectoryFirst() {
        return new DataDirectoryFirst();
    }

    /** Opens the state database only once the data directory is locked (H2's files are in it). */
    static final class DataDirectoryFirst extends AbstractDependsOnBeanFactoryPostProcessor {
        DataDirectoryFirst() {
            super(DataSource.class, "dataDirectory");
        }
    }

    /** Files created during start-up (H2's, git's) made private as well, once the broker is up. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> dataDirectoryPrivateWhenReady(DataDirectory data) {
        return event -> data.makePrivate();
    }

    @Bean(destroyMethod = "close")
    GitDeployer gitDeployer(BrokerSettings settings, DataDirectory data) {
        BrokerSettings.Git git = settings.git();
        GitSettings local = GitSettings.local(data.path());
        String remoteUri = git.uri();
        // the data directory is locked: a lock file in the broker's own repository was left by a crash
        if (remoteUri == null || remoteUri.isBlank()) {
            StaleLocks.removeFrom(local.localRepository());
        } else {
            StaleLocks.removeFrom(GitSettings.remote(data.path(), remoteUri).localRepository());
            StaleLocks.remoteBranchLock(remoteUri, git.branch())
                    .ifPresent(lock -> LOG.warn(
                            "The remote deployment repository's branch '{}' is locked by {}: the broker cannot tell "
                                    + "whether a live git process holds it; commits wait until it is gone (remove it "
                                    + "when no git process works on that repository)",
                            git.branch(),
                            lock));
        }
        return GitDeployer.open(new GitSettings(
                data.path(),
                git.uri() == null || git.uri().isBlank() ? null : git.uri(),
                git.branch(),
                git.username(),
                git.token(),
                git.sshPrivateKey(),
                git.sshKnownHosts(),
                git.acceptNewHostKeys(),
                local.authorName(),
                local.authorEmail()));
    }

    @Bean
    ReportSigningKey reportSigningKey(BrokerSettings settings) {
        BrokerSettings.Reports reports = settings.reports();
        if (reports.signingKey() != null && !reports.signingKey().isBlank()) {
            return ReportSigningKey.fromHex(reports.signingKey(), "dedicate.reports.signing-key");
        }
        if (reports.signingKeyFile() != null) {
            return ReportSigningKey.fromFile(reports.signingKeyFile(), false);
        }
        return ReportSigningKey.fromFile(settings.data().resolve("report-signing.key"), true);
    }

    @Bean
    SecretBox secretBox(BrokerSettings settings) {
        BrokerSettings.Secrets secrets = settings.secrets();
        if (secrets.key() != null && !secrets.key().isBlank()) {
            return SecretBox.fromBase64Key(secrets.key());
        }
        Path keyFile =
                secrets.keyFile() != null ? secrets.keyFile() : settings.data().resolve("secret.key");
        return SecretBox.fromKeyFile(keyFile);
    }

    @Bean
    ParameterValidator parameterValidator(LoadedBundle bundle) {
        return new ParameterValidator(bundle);
    }

    /**
     * The certificate secret parameters are encrypted to: the operator's ({@code
     * dedicate.secrets.recipient-certificate-file}), else a key pair generated in the data directory.
     */
    @Bean
    SecretParametersRecipient secretParametersRecipient(BrokerSettings settings) {
        Path configured = settings.secrets().recipientCertificateFile();
        return configured != null
                ? SecretParametersRecipient.configured(configured)
                : SecretParametersRecipient.generatedIn(settings.data());
    }

    @Bean
    OperationRenderer operationRenderer(LoadedBundle bundle, SecretParametersRecipient recipient) {
        return new OperationRenderer(bundle, new SecretParametersEnvelope(recipient.certificate()));
    }

    /** The port the web server listens on, once it does (0 until then). */
    @Bean
    ServerPort serverPort() {
        return new ServerPort();
    }

    @Bean
    OperationLinks operationLinks(
            BrokerSettings settings, ServerPort port, Environment environment, DashboardLinks dashboardLinks) {
        URI configured = settings.publicUrl();
        String address = environment.getProperty("server.address", "127.0.0.1");
        return new OperationLinks(
                () -> configured != null ? configured : URI.create("http://" + address + ":" + port.port()),
                settings.concourse().url(),
                settings.concourse().team(),
                dashboardLinks);
    }

    @Bean(destroyMethod = "close")
    MetaPipelineSync metaPipelineSync(
            InstanceStore instances, GitDeployer git, OperationRenderer renderer, BrokerSettings settings) {
        if (settings.metaPipelineDelay().isNegative()) {
            throw new IllegalArgumentException(
                    "dedicate.meta-pipeline-delay must not be negative, got " + settings.metaPipelineDelay());
        }
        return new MetaPipelineSync(instances, git, renderer, settings.metaPipelineDelay());
    }

    @Bean
    CleanupStore cleanupStore(StateDatabase database) {
        return new CleanupStore(database);
    }

    @Bean
    OperationCommitter operationCommitter(
            InstanceStore instances,
            OperationStore operations,
            GitDeployer git,
            MetaPipelineSync metaPipeline,
            CleanupStore cleanups) {
        return new OperationCommitter(instances, operations, git, metaPipeline, cleanups);
    }

    @Bean
    ClusterLifecycle clusterLifecycle(
            LoadedBundle bundle,
            ParameterValidator validator,
            OperationRenderer renderer,
            InstanceStore instances,
            OperationStore operations,
            ChildStore children,
            OperationCommitter committer,
            SecretBox secrets,
            OperationLinks links,
            GitDeployer git,
            Clock clock,
            BrokerSettings settings) {
        return new ClusterLifecycle(
                bundle,
                validator,
                renderer,
                instances,
                operations,
                committer,
                secrets,
                links,
                new DeleteProtection(children),
                git.uri(),
                git.branch(),
                clock,
                settings.defaultOperationTimeout());
    }

    @Bean
    OperationStatus operationStatus(
            InstanceStore instances,
            OperationStore operations,
            SecretBox secrets,
            OperationLinks links,
            Clock clock,
            LoadedBundle bundle) {
        return new OperationStatus(
                instances, operations, secrets, links, clock, new ClusterCascade(bundle, instances, operations));
    }

    @Bean
    OperationReports operationReports(
            LoadedBundle bundle,
            InstanceStore instances,
            OperationStore operations,
            SecretBox secrets,
            OperationCommitter committer) {
        return new OperationReports(bundle, instances, operations, secrets, committer);
    }

    @Bean
    BundleCatalogService catalogService(LoadedBundle bundle) {
        return new BundleCatalogService(bundle);
    }

    /** The {@code mysql} child driver, shared by every user so that its admin connection pools are too. */
    @Bean(destroyMethod = "close")
    MysqlChildDriver mysqlChildDriver() {
        return new MysqlChildDriver(Duration.ofSeconds(10));
    }

    /** The {@code mysql} child driver: a database per child, a user per binding, made by the broker itself. */
    @Bean
    MysqlChildren mysqlChildren(
            InstanceStore instances,
            ChildStore childStore,
            BindingStore bindings,
            SecretBox secrets,
            OperationLinks links,
            MysqlChildDriver mysql,
            ChildSettings children) {
        return new MysqlChildren(instances, childStore, bindings, secrets, links, mysql, children.creatingGrace());
    }

    /** The child drivers this broker runs, chosen by each child plan's driver name. */
    @Bean
    ChildDrivers childDrivers(LoadedBundle bundle, MysqlChildren mysql, DelegatedChildren delegated) {
        return new ChildDrivers(bundle, mysql, delegated);
    }

    @Bean
    ChildLifecycle childLifecycle(
            LoadedBundle bundle,
            ParameterValidator validator,
            InstanceStore instances,
            ChildStore childStore,
            SecretBox secrets,
            OperationLinks links,
            Clock clock,
            ChildDrivers drivers,
            ChildSettings children) {
        return new ChildLifecycle(
                bundle, validator, instances, childStore, secrets, links, clock, drivers, children.creatingGrace());
    }

    @Bean
    ChildBindings childBindings(
            LoadedBundle bundle,
            ParameterValidator validator,
            InstanceStore instances,
            BindingStore bindings,
            SecretBox secrets,
            ChildDrivers drivers) {
        return new ChildBindings(bundle, validator, instances, bindings, secrets, drivers);
    }

    @Bean
    DedicatedBindingService bindingService(LoadedBundle bundle, InstanceStore instances, ChildBindings children) {
        return new DedicatedBindingService(bundle, instances, children);
    }

    @Bean
    DedicatedServiceInstanceService serviceInstanceService(
            ClusterLifecycle lifecycle, ChildLifecycle children, OperationStatus status) {
        return new DedicatedServiceInstanceService(lifecycle, children, status);
    }

    /** The recovery's passes, run by {@link PeriodicWorkConfiguration}. */
    @Bean
    OperationRecovery operationRecovery(
            OperationCommitter committer,
            OperationStatus status,
            MetaPipelineSync metaPipeline,
            GitDeployer git,
            @Value("${dedicate.git.pack-above-loose-objects:" + OperationRecovery.LOOSE_OBJECT_LIMIT + "}")
                    long looseObjectLimit) {
        return new OperationRecovery(committer, status, metaPipeline, git, looseObjectLimit);
    }

    @Bean
    BrokerAnnouncement brokerAnnouncement(
            LoadedBundle bundle,
            BrokerCredentials credentials,
            GitDeployer git,
            SecretParametersRecipient secretParametersRecipient) {
        return new BrokerAnnouncement(bundle, credentials, git, secretParametersRecipient);
    }

    @Bean
    FilterRegistrationBean<BasicAuthFilter> basicAuthFilter(BrokerCredentials credentials) {
        FilterRegistrationBean<BasicAuthFilter> registration =
                new FilterRegistrationBean<>(new BasicAuthFilter(credentials));
        // dashboards check the credentials or a signed link themselves (DashboardController)
        registration.addUrlPatterns("/v2/*", "/health");
        registration.setOrder(Integer.MIN_VALUE);
        return registration;
    }

    /** After authentication: holds back every answer to a request that may change state until the state is on disk. */
    @Bean
    FilterRegistrationBean<DurableAnswerFilter> durableAnswerFilter(StateDatabase database) {
        FilterRegistrationBean<DurableAnswerFilter> registration =
                new FilterRegistrationBean<>(new DurableAnswerFilter(database));
        registration.addUrlPatterns("/*");
        registration.setOrder(Integer.MIN_VALUE + 4);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiVersionFilter> apiVersionFilter() {
        FilterRegistrationBean<ApiVersionFilter> registration = new FilterRegistrationBean<>(new ApiVersionFilter());
        registration.addUrlPatterns("/v2/*");
        registration.setOrder(Integer.MIN_VALUE + 1);
        return registration;
    }

    /**
     * Bounds OSB request bodies ({@code dedicate.osb.max-body-bytes}, 1 MiB by default) after authentication, before
     * anything reads them.
     */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
            @Value("${dedicate.osb.max-body-bytes:" + BodyLimitFilter.DEFAULT_LIMIT + "}") int limit) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(limit));
        registration.addUrlPatterns("/v2/*");
        registration.setOrder(Integer.MIN_VALUE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CatalogFilter> catalogFilter(LoadedBundle bundle) {
        FilterRegistrationBean<CatalogFilter> registration = new FilterRegistrationBean<>(new CatalogFilter(bundle));
        registration.addUrlPatterns("/v2/catalog");
        registration.setOrder(Integer.MIN_VALUE + 3);
        return registration;
    }

    // ------------------------------------------------------------------ delegate driver

    /** The {@code delegate} child driver: OSB calls forwarded to a cluster's own broker. */
    @Bean
    DelegatedChildren delegatedChildren(
            LoadedBundle bundle,
            InstanceStore instances,
            ChildStore children,
            BindingStore bindings,
            StateDatabase database,
            SecretBox secrets,
            OperationLinks links,
            Clock clock,
            BrokerSettings settings) {
        return new DelegatedChildren(
                bundle,
                instances,
                children,
                bindings,
                secrets,
                new DelegatedOperationStore(database, settings.defaultOperationTimeout()),
                new ClusterBrokerClient(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), clock),
                links);
    }

    // ------------------------------------------------------------------ dashboard

    @Bean
    DashboardLinks dashboardLinks(SecretBox secrets, Clock clock, BrokerSettings settings) {
        return new DashboardLinks(secrets, settings.dashboard().linkValidity(), clock);
    }

    /**
     * Lets an encoded slash ({@code %2F}) in a path through Tomcat undecoded, so that an instance ID
     * such as {@code a%2F..%2Fb} reaches the broker's own ID check and is refused with an OSB error
     * body; Tomcat's default rejects it first with an HTML 400 that platforms cannot read.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheBroker() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /**
     * Tomcat's error report as an OSB error body ({@link OsbErrorReportValve}) for what Tomcat refuses before the
     * broker's servlets (a URI with {@code %00}, headers too large), in place of its HTML page. Spring Boot adds
     * Tomcat's own valve to the host (for {@code server.error.include-stacktrace=never}); this customizer runs after
     * Spring Boot's, removes it and installs the broker's.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> osbErrorReports() {
        return new OsbErrorReports();
    }

    /** See {@link #osbErrorReports()}. */
    static final class OsbErrorReports
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, org.springframework.core.Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                org.apache.catalina.Container parent = context.getParent();
                if (parent instanceof org.apache.catalina.core.StandardHost host) {
                    for (org.apache.catalina.Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof org.apache.catalina.valves.ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(OsbErrorReportValve.class.getName());
                    host.getPipeline().addValve(new OsbErrorReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return org.springframework.core.Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** The port the web server listens on, learnt when it starts. */
    public static final class ServerPort implements ApplicationListener<WebServerInitializedEvent> {
        private final AtomicInteger port = new AtomicInteger();

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            port.set(event.getWebServer().getPort());
        }

        public int port() {
            return port.get();
        }
    }
}

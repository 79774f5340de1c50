package io.dedicate.compiler.emit;

import io.dedicate.compiler.model.App;
import io.dedicate.compiler.model.Automation;
import io.dedicate.compiler.model.BrokerPolicy;
import io.dedicate.compiler.model.CatalogEntry;
import io.dedicate.compiler.model.ChildPlan;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Cost;
import io.dedicate.compiler.model.Deployment;
import io.dedicate.compiler.model.Driver;
import io.dedicate.compiler.model.Errand;
import io.dedicate.compiler.model.Expression;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.InstanceGroup;
import io.dedicate.compiler.model.Job;
import io.dedicate.compiler.model.Limits;
import io.dedicate.compiler.model.MaintenanceInfo;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Operation;
import io.dedicate.compiler.model.Output;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterSet;
import io.dedicate.compiler.model.ParameterType;
import io.dedicate.compiler.model.PlanMetadata;
import io.dedicate.compiler.model.PlanTransition;
import io.dedicate.compiler.model.Plans;
import io.dedicate.compiler.model.Release;
import io.dedicate.compiler.model.ServiceMetadata;
import io.dedicate.compiler.model.Sharing;
import io.dedicate.compiler.model.Sizing;
import io.dedicate.compiler.model.Stemcell;
import io.dedicate.compiler.model.Terraform;
import io.dedicate.compiler.model.Trigger;
import io.dedicate.compiler.model.Variable;
import io.dedicate.dsl.SourceSpan;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Offering models built by hand, as the front end would build them, for focused tests of the
 * emitters where the real offerings of {@code offerings/} (see {@link CompiledOfferings}) do not
 * reach: a MySQL offering with every kind of plan, parameter, errand, hook, app and output, a
 * minimal one with nothing optional, and a copy of {@code offerings/mysql.offering} that a test
 * keeps equal to the compiled offering. Also the builders of expressions, triggers and parameters
 * those tests use.
 */
final class HandBuiltOfferings {

    static final SourceSpan SPAN = SourceSpan.at("hand-built.offering", 1, 1);
    static final long MB = 1024L * 1024;
    static final long GB = 1024L * MB;

    private HandBuiltOfferings() {}

    static Expression lit(Object value) {
        return new Expression.Literal(value, SPAN);
    }

    static Expression param(String name) {
        return new Expression.ParamRef(name, SPAN);
    }

    static Expression instance(String field) {
        return new Expression.InstanceRef(field, SPAN);
    }

    static Expression plan(String... path) {
        return new Expression.PlanRef(List.of(path), SPAN);
    }

    static Expression vars(String name) {
        return new Expression.VariableRef(name, SPAN);
    }

    static Expression output(String name) {
        return new Expression.OutputRef(name, SPAN);
    }

    static Expression concat(Expression... parts) {
        return new Expression.Concat(Arrays.asList(parts), SPAN);
    }

    static Expression list(Expression... items) {
        return new Expression.ListOf(Arrays.asList(items), SPAN);
    }

    static Expression map(Object... keysAndValues) {
        Map<String, Expression> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put((String) keysAndValues[i], (Expression) keysAndValues[i + 1]);
        }
        return new Expression.MapOf(entries, SPAN);
    }

    static Job.Property property(String path, Expression value) {
        return new Job.Property(List.of(path.split("\\.")), value, SPAN);
    }

    static Trigger after(Operation operation) {
        return new Trigger(Trigger.When.AFTER, operation);
    }

    static Trigger before(Operation operation) {
        return new Trigger(Trigger.When.BEFORE, operation);
    }

    /** A MySQL offering with every kind of plan, parameter, errand, hook, app and output. */
    static Offering mysqlWithEveryKind() {
        ParameterSet parameters = mysqlParameters();
        List<io.dedicate.compiler.model.Plan> plans = List.of(
                new ClusterPlan(
                        "cluster-small",
                        "6a0b0f86-3c39-3d5e-9a53-1f0f4a1e0001",
                        new PlanMetadata(
                                "3 mysql nodes, 1 proxy, 1 arbitrator, 10 GB disk",
                                null,
                                false,
                                List.of(new Cost(new BigDecimal("120.00"), "usd", "MONTHLY")),
                                List.of("3 Galera nodes", "10 GB persistent disk per node")),
                        sizing(galera(1), "small", 10_240),
                        7200L,
                        null,
                        SPAN),
                new ClusterPlan(
                        "cluster-large",
                        "6a0b0f86-3c39-3d5e-9a53-1f0f4a1e0002",
                        new PlanMetadata(
                                "3 mysql nodes, 2 proxies, 1 arbitrator, 100 GB disk",
                                "Large cluster",
                                false,
                                List.of(
                                        new Cost(new BigDecimal("480.00"), "usd", "MONTHLY"),
                                        new Cost(new BigDecimal("440.5"), "eur", "MONTHLY")),
                                List.of()),
                        sizing(galera(2), "large", 102_400),
                        10_800L,
                        true,
                        SPAN),
                new ChildPlan(
                        "database",
                        "6a0b0f86-3c39-3d5e-9a53-1f0f4a1e0003",
                        new PlanMetadata("A database in your dedicated cluster", null, true, List.of(), List.of()),
                        new Driver("delegate", orderedMap("service", "p-mysql", "plan", "default"), SPAN),
                        null,
                        SPAN),
                new ChildPlan(
                        "100mb",
                        "6a0b0f86-3c39-3d5e-9a53-1f0f4a1e0004",
                        new PlanMetadata(
                                "A database of at most 100 MB", null, true, List.of(), List.of("At most 100 MB")),
                        new Driver("mysql", orderedMap("quota", 100 * MB), SPAN),
                        600L,
                        SPAN));
        Deployment deployment = new Deployment(
                concat(lit("mysql-"), instance("id")),
                "default",
                orderedMap("canaries", 1L, "max_in_flight", 1L, "serial", true),
                List.of(
                        new InstanceGroup(
                                "mysql",
                                false,
                                null,
                                null,
                                null,
                                List.of(),
                                List.of(),
                                List.of(new Job(
                                        "mysql",
                                        "cf-mysql",
                                        List.of(property(
                                                "cf_mysql.mysql.innodb_buffer_pool_size",
                                                param("innodb_buffer_pool_size"))),
                                        SPAN)),
                                SPAN),
                        new InstanceGroup(
                                "smoke-tests",
                                true,
                                1,
                                "small",
                                null,
                                List.of(),
                                List.of(),
                                List.of(new Job("smoke-tests", "cf-mysql", List.of(), SPAN)),
                                SPAN)),
                List.of(new Variable("mysql_admin_password", "password", Map.of(), SPAN)));
        return new Offering(
                "mysql-on-demand",
                "1.4.0",
                new CatalogEntry(
                        "3f6c4c2e-8a44-3b3f-a0d6-6d1c7d9d0000",
                        new ServiceMetadata(
                                "MySQL clusters and databases on demand",
                                "MySQL on demand",
                                "Dedicated MySQL (Galera) clusters.\nCreate a cluster, then databases in it.",
                                "Platform Services",
                                "https://docs.example.com/services/mysql-on-demand",
                                "https://support.example.com/services/mysql-on-demand",
                                "https://docs.example.com/services/mysql-on-demand/logo.png",
                                List.of("mysql", "relational", "dedicated"),
                                true,
                                true,
                                true,
                                true,
                                true),
                        new MaintenanceInfo(
                                "1.4.0+cf-mysql.36.19.0.prometheus.26.6.0.ubuntu-jammy.1.586",
                                "cf-mysql 36.19.0, prometheus 26.6.0, stemcell ubuntu-jammy 1.586")),
                new Plans(plans, List.of(new PlanTransition("cluster-small", "cluster-large", SPAN))),
                parameters,
                Automation.deploying(deployment)
                        .releases(List.of(
                                new Release(
                                        "cf-mysql",
                                        "36.19.0",
                                        "https://bosh.io/d/cf-mysql?v=36.19.0",
                                        "0d1e3a5f",
                                        SPAN),
                                new Release("prometheus", "26.6.0", null, null, SPAN)))
                        .stemcell(new Stemcell("ubuntu-jammy", "1.586", SPAN))
                        .errands(List.of(
                                new Errand(
                                        "bootstrap",
                                        "mysql",
                                        List.of(after(Operation.DEPLOY), after(Operation.RECREATE)),
                                        SPAN),
                                new Errand(
                                        "smoke-tests",
                                        null,
                                        List.of(after(Operation.DEPLOY), after(Operation.UPDATE)),
                                        SPAN)))
                        .hooks(List.of(new Hook(
                                "prometheus",
                                "prometheus",
                                List.of(after(Operation.DEPLOY)),
                                List.of(before(Operation.DELETE)),
                                List.of(new Hook.OpsEntry(
                                        "/instance_groups/name=prometheus2/jobs/name=prometheus2/properties/scrape_configs/-",
                                        output("metrics_targets"),
                                        SPAN)),
                                SPAN)))
                        .apps(List.of(new App(
                                "phpmyadmin",
                                "https://example.com/phpmyadmin.zip",
                                "php_buildpack",
                                256,
                                512,
                                2,
                                lit("service-ops"),
                                lit("mysql-dashboards"),
                                null,
                                Map.of("PMA_HOST", output("host")),
                                SPAN)))
                        .terraform(new Terraform(
                                "git::https://github.com/example/terraform-cf-security-groups.git//mysql?ref=v1.2.0",
                                Map.of("space_guid", instance("space_guid")),
                                SPAN))
                        .build(),
                List.of(
                        new Output(
                                "host",
                                ParameterType.STRING,
                                lit("q-s0.proxy"),
                                false,
                                "Host name of the cluster's proxies",
                                SPAN),
                        new Output(
                                "admin_password",
                                ParameterType.STRING,
                                vars("mysql_admin_password"),
                                true,
                                null,
                                SPAN)),
                new BrokerPolicy(new Sharing(Sharing.Scope.ORGS, true), new Limits(5, null)),
                SPAN);
    }

    /**
     * An offering with one cluster plan and nothing optional: no tags, no metadata, no parameters,
     * no child plans, no BOSH instance groups.
     */
    static Offering minimal() {
        return new Offering(
                "tiny",
                "0.1.0",
                new CatalogEntry(
                        "3f6c4c2e-8a44-3b3f-a0d6-6d1c7d9d9999",
                        new ServiceMetadata(
                                "A tiny service",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                List.of(),
                                false,
                                false,
                                false,
                                false,
                                false),
                        new MaintenanceInfo("0.1.0", "tiny 0.1.0")),
                Plans.of(List.of(new ClusterPlan(
                        "only",
                        "3f6c4c2e-8a44-3b3f-a0d6-6d1c7d9d9998",
                        new PlanMetadata("The only plan", null, true, List.of(), List.of()),
                        new Sizing(Map.of(), null, null, List.of()),
                        null,
                        null,
                        SPAN))),
                new ParameterSet(List.of(), List.of(), List.of(), List.of()),
                Automation.deploying(new Deployment(lit("tiny"), null, Map.of(), List.of(), List.of()))
                        .build(),
                List.of(),
                BrokerPolicy.NONE,
                SPAN);
    }

    /**
     * The offering {@code offerings/mysql.offering} describes, with its fragments, as the front end
     * would build it: {@code CompiledOfferingsTemplatesTest} keeps its templates equal to the
     * compiled offering's. The templates name the offering's file, so its span is that of {@code
     * offerings/mysql.offering}.
     */
    static Offering mysqlAsWritten() {
        Expression deploymentName = concat(lit("mysql-"), instance("id"));
        Job bpm = new Job("bpm", "bpm", List.of(), SPAN);
        List<InstanceGroup> groups = List.of(
                new InstanceGroup(
                        "mysql",
                        false,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        List.of(
                                new Job(
                                        "pxc-mysql",
                                        "pxc",
                                        List.of(
                                                property("admin_password", vars("mysql_admin_password")),
                                                property("engine_config.galera.enabled", lit(true)),
                                                property(
                                                        "engine_config.innodb_buffer_pool_size",
                                                        param("innodb_buffer_pool_size")),
                                                property("engine_config.max_connections", param("max_connections")),
                                                property(
                                                        "engine_config.long_query_time", param("slow_query_threshold")),
                                                property("engine_config.audit_logs.enabled", param("audit_log")),
                                                property("engine_config.character_set_server", param("character_set")),
                                                property("tls.server", vars("mysql_server_tls")),
                                                property("tls.galera", vars("galera_tls")),
                                                property("mysql_backup_password", vars("mysql_backup_password")),
                                                property(
                                                        "seeded_users",
                                                        map(
                                                                "dedicate_admin",
                                                                map(
                                                                        "password",
                                                                        vars("dedicate_admin_password"),
                                                                        "host",
                                                                        lit("any"),
                                                                        "role",
                                                                        lit("admin")),
                                                                "monitoring",
                                                                map(
                                                                        "password",
                                                                        vars("mysql_monitoring_password"),
                                                                        "host",
                                                                        lit("loopback"),
                                                                        "role",
                                                                        lit("mysql-metrics")),
                                                                "smoke_tests_user",
                                                                map(
                                                                        "password",
                                                                        vars("smoke_tests_password"),
                                                                        "host",
                                                                        lit("any"),
                                                                        "role",
                                                                        lit("schema-admin"),
                                                                        "schema",
                                                                        lit("pxc_release_test_db"))))),
                                        SPAN),
                                new Job(
                                        "galera-agent",
                                        "pxc",
                                        List.of(
                                                property("db_password", vars("galera_agent_db_password")),
                                                property("endpoint_password", vars("galera_agent_endpoint_password"))),
                                        SPAN),
                                new Job(
                                        "cluster-health-logger",
                                        "pxc",
                                        List.of(property("db_password", vars("cluster_health_password"))),
                                        SPAN),
                                new Job("gra-log-purger", "pxc", List.of(), SPAN),
                                new Job("bootstrap", "pxc", List.of(), SPAN),
                                bpm,
                                new Job(
                                        "mysqld_exporter",
                                        "prometheus",
                                        List.of(
                                                property("mysqld_exporter.mysql.address", lit("127.0.0.1")),
                                                property("mysqld_exporter.mysql.username", lit("monitoring")),
                                                property(
                                                        "mysqld_exporter.mysql.password",
                                                        vars("mysql_monitoring_password"))),
                                        SPAN)),
                        SPAN),
                new InstanceGroup(
                        "proxy",
                        false,
                        null,
                        "small",
                        1024,
                        List.of(),
                        List.of(),
                        List.of(
                                new Job(
                                        "proxy",
                                        "pxc",
                                        List.of(property("api_password", vars("proxy_api_password"))),
                                        SPAN),
                                bpm),
                        SPAN),
                new InstanceGroup(
                        "smoke-tests",
                        true,
                        1,
                        "small",
                        null,
                        List.of(),
                        List.of(),
                        List.of(
                                new Job(
                                        "smoke-tests",
                                        "pxc",
                                        List.of(
                                                property("db_username", lit("smoke_tests_user")),
                                                property("db_password", vars("smoke_tests_password"))),
                                        SPAN),
                                bpm),
                        SPAN));
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("canaries", 1L);
        update.put("max_in_flight", 1L);
        update.put("canary_watch_time", "30000-600000");
        update.put("update_watch_time", "30000-600000");
        update.put("serial", false);
        List<Variable> variables = List.of(
                new Variable("mysql_admin_password", "password", Map.of(), SPAN),
                new Variable("dedicate_admin_password", "password", Map.of(), SPAN),
                new Variable("mysql_monitoring_password", "password", Map.of(), SPAN),
                new Variable("cluster_health_password", "password", Map.of(), SPAN),
                new Variable("galera_agent_db_password", "password", Map.of(), SPAN),
                new Variable("galera_agent_endpoint_password", "password", Map.of(), SPAN),
                new Variable("proxy_api_password", "password", Map.of(), SPAN),
                new Variable("smoke_tests_password", "password", Map.of(), SPAN),
                new Variable("mysql_backup_password", "password", Map.of(), SPAN),
                new Variable(
                        "mysql_server_ca",
                        "certificate",
                        ((Expression.MapOf) map("is_ca", lit(true), "common_name", lit("mysql-server-ca"))).entries(),
                        SPAN),
                new Variable(
                        "mysql_server_tls",
                        "certificate",
                        ((Expression.MapOf) map(
                                        "ca",
                                        lit("mysql_server_ca"),
                                        "common_name",
                                        concat(lit("mysql."), instance("id"), lit(".internal")),
                                        "alternative_names",
                                        list(
                                                concat(
                                                        lit("*.proxy.tenant-clusters.mysql-"),
                                                        instance("id"),
                                                        lit(".bosh")),
                                                concat(
                                                        lit("*.mysql.tenant-clusters.mysql-"),
                                                        instance("id"),
                                                        lit(".bosh")))))
                                .entries(),
                        SPAN),
                new Variable(
                        "galera_ca",
                        "certificate",
                        ((Expression.MapOf) map("is_ca", lit(true), "common_name", lit("galera-ca"))).entries(),
                        SPAN),
                new Variable(
                        "galera_tls",
                        "certificate",
                        ((Expression.MapOf) map(
                                        "ca",
                                        lit("galera_ca"),
                                        "common_name",
                                        concat(lit("galera."), instance("id"), lit(".internal")),
                                        "extended_key_usage",
                                        list(lit("server_auth"), lit("client_auth"))))
                                .entries(),
                        SPAN));
        Deployment deployment = new Deployment(deploymentName, "tenant-clusters", update, groups, variables);

        Map<String, Expression> appEnv = new LinkedHashMap<>();
        appEnv.put("PMA_HOST", output("host"));
        appEnv.put("PMA_PORT", output("port"));
        appEnv.put("PMA_ABSOLUTE_URI", concat(lit("https://phpmyadmin-"), instance("id"), lit(".apps.example.com/")));
        App app = new App(
                "phpmyadmin",
                "https://github.com/example/phpmyadmin-cf/releases/download/v5.2.1/phpmyadmin-5.2.1.zip",
                "php_buildpack",
                256,
                512,
                2,
                lit("service-ops"),
                lit("mysql-dashboards"),
                concat(lit("phpmyadmin-"), instance("id"), lit(".apps.example.com")),
                appEnv,
                SPAN);

        Map<String, Expression> tfVars = new LinkedHashMap<>();
        tfVars.put("name", concat(lit("mysql-"), instance("id")));
        tfVars.put("space_guid", instance("space_guid"));
        tfVars.put("ports", lit("3306"));
        Terraform terraform = new Terraform(
                "git::https://github.com/example/terraform-cf-security-groups.git//mysql?ref=v1.2.0", tfVars, SPAN);

        List<Output> outputs = List.of(
                out("host", ParameterType.STRING, hostName("proxy", ""), false),
                out("port", ParameterType.INTEGER, lit(3306L), false),
                out("admin_username", ParameterType.STRING, lit("dedicate_admin"), false),
                out("admin_password", ParameterType.STRING, vars("dedicate_admin_password"), true));

        List<Parameter> cluster = List.of(
                parameter("innodb_buffer_pool_size", ParameterType.BYTES)
                        .defaultValue("1GB")
                        .build(),
                parameter("max_connections", ParameterType.INTEGER)
                        .defaultValue(1500L)
                        .build(),
                parameter("slow_query_threshold", ParameterType.DURATION)
                        .defaultValue("10s")
                        .build(),
                parameter("audit_log", ParameterType.BOOLEAN)
                        .defaultValue(false)
                        .build(),
                parameter("major_version", ParameterType.ENUM)
                        .defaultValue("8.0")
                        .build(),
                parameter("character_set", ParameterType.STRING)
                        .defaultValue("utf8mb4")
                        .build());

        return new Offering(
                "mysql-on-demand",
                "1.4.0",
                new CatalogEntry(
                        "5f1b7f0e-0000-5000-8000-000000000001",
                        new ServiceMetadata(
                                "MySQL clusters and databases on demand",
                                "MySQL on demand",
                                null,
                                "Platform Services",
                                null,
                                null,
                                null,
                                List.of("mysql"),
                                true,
                                true,
                                true,
                                true,
                                true),
                        new MaintenanceInfo(
                                "1.4.0+pxc.2.0.8.bpm.1.4.26.prometheus.26.6.0",
                                "pxc 2.0.8, bpm 1.4.26, prometheus 26.6.0")),
                new Plans(
                        List.of(
                                clusterPlan("cluster-small", "small", 10240, 1),
                                clusterPlan("cluster-large", "large", 102400, 2)),
                        List.of(new PlanTransition("cluster-small", "cluster-large", SPAN))),
                new ParameterSet(cluster, cluster, List.of(), List.of()),
                Automation.deploying(deployment)
                        .releases(List.of(
                                new Release(
                                        "pxc",
                                        "2.0.8",
                                        "https://bosh.io/d/github.com/cloudfoundry/pxc-release?v=2.0.8",
                                        null,
                                        SPAN),
                                new Release(
                                        "bpm",
                                        "1.4.26",
                                        "https://bosh.io/d/github.com/cloudfoundry/bpm-release?v=1.4.26",
                                        null,
                                        SPAN),
                                new Release(
                                        "prometheus",
                                        "26.6.0",
                                        "https://github.com/bosh-prometheus/prometheus-boshrelease/releases/download/v26.6.0/prometheus-26.6.0.tgz",
                                        null,
                                        SPAN)))
                        .stemcell(new Stemcell("ubuntu-jammy", "1.586", SPAN))
                        .errands(List.of(new Errand(
                                "smoke-tests",
                                null,
                                List.of(after(Operation.DEPLOY), after(Operation.UPDATE), after(Operation.UPGRADE)),
                                SPAN)))
                        .apps(List.of(app))
                        .terraform(terraform)
                        .build(),
                outputs,
                new BrokerPolicy(new Sharing(Sharing.Scope.ORGS, true), new Limits(5, 50)),
                SourceSpan.at("offerings/mysql.offering", 1, 1));
    }

    private static ParameterSet mysqlParameters() {
        Parameter bufferPool = parameter("innodb_buffer_pool_size", ParameterType.BYTES)
                .defaultValue("1GB")
                .example("2GB")
                .range(128 * MB, 64 * GB)
                .description("InnoDB buffer pool size")
                .build();
        Parameter maxConnections = parameter("max_connections", ParameterType.INTEGER)
                .defaultValue(1500L)
                .range(100, 10_000)
                .description("Maximum number of client connections")
                .build();
        Parameter slowQuery = parameter("slow_query_threshold", ParameterType.DURATION)
                .defaultValue("10s")
                .range(1, 3600)
                .description("Log queries slower than this")
                .build();
        Parameter auditLog = parameter("audit_log", ParameterType.BOOLEAN)
                .defaultValue(false)
                .description("Write a MySQL audit log")
                .build();
        Parameter majorVersion = parameter("major_version", ParameterType.ENUM)
                .enumValues("5.7", "8.0")
                .defaultValue("8.0")
                .createOnly()
                .description("MySQL major version; fixed at creation")
                .build();
        Parameter characterSet = parameter("character_set", ParameterType.STRING)
                .defaultValue("utf8mb4")
                .pattern("^[a-z0-9]+$")
                .length(1, 32)
                .createOnly()
                .description("Server character set")
                .build();
        Parameter replicas = parameter("read_replicas", ParameterType.INTEGER)
                .required()
                .range(0, 5)
                .description("Number of asynchronous read replicas")
                .build();
        Parameter rollingRestart = parameter("rolling_restart", ParameterType.BOOLEAN)
                .defaultValue(false)
                .description("Restart the nodes one by one after the change")
                .build();
        Parameter cluster = parameter("cluster", ParameterType.STRING)
                .required()
                .builtIn()
                .description("Name of the cluster instance to create this in")
                .build();
        Parameter clusterOrg = parameter("cluster-org", ParameterType.STRING)
                .builtIn()
                .description("Org of the cluster, when it is in another org")
                .build();
        Parameter clusterSpace = parameter("cluster-space", ParameterType.STRING)
                .builtIn()
                .description("Space of the cluster, when it is in another space")
                .build();
        Parameter collation = parameter("collation", ParameterType.STRING)
                .defaultValue("utf8mb4_unicode_ci")
                .pattern("^[a-z0-9_]+$")
                .description("Collation of the new database")
                .build();
        Parameter readOnly = parameter("read_only", ParameterType.BOOLEAN)
                .defaultValue(false)
                .description("Create a user that may only read")
                .build();
        Parameter password = parameter("password", ParameterType.STRING)
                .length(16, 64)
                .secret()
                .defaultValue("do-not-leak-this-default")
                .example("do-not-leak-this-example")
                .description("Use this password instead of a generated one")
                .build();
        Parameter ratio = parameter("cpu_ratio", ParameterType.NUMBER)
                .defaultValue(new BigDecimal("0.50"))
                .range(new BigDecimal("0.1"), new BigDecimal("1.0"))
                .build();
        return new ParameterSet(
                List.of(bufferPool, maxConnections, slowQuery, auditLog, majorVersion, characterSet, replicas, ratio),
                List.of(bufferPool, maxConnections, slowQuery, auditLog, replicas, ratio, rollingRestart),
                List.of(cluster, clusterOrg, clusterSpace, collation),
                List.of(readOnly, password));
    }

    private static Expression hostName(String group, String suffix) {
        return concat(lit("q-s0." + group + ".tenant-clusters.mysql-"), instance("id"), lit(".bosh" + suffix));
    }

    private static Output out(String name, ParameterType type, Expression value, boolean secret) {
        return new Output(name, type, value, secret, null, SPAN);
    }

    private static ClusterPlan clusterPlan(String name, String vmType, int diskMb, int proxies) {
        Map<String, Integer> instances = new LinkedHashMap<>();
        instances.put("mysql", 3);
        instances.put("proxy", proxies);
        return new ClusterPlan(
                name,
                "5f1b7f0e-0000-5000-8000-0000000000" + (name.equals("cluster-small") ? "02" : "03"),
                new PlanMetadata(name, null, false, List.of(), List.of()),
                sizing(instances, vmType, diskMb),
                7200L,
                null,
                SPAN);
    }

    /** The instance groups of a Galera cluster: three nodes, the proxies, one arbitrator. */
    private static Map<String, Integer> galera(int proxies) {
        Map<String, Integer> instances = new LinkedHashMap<>();
        instances.put("mysql", 3);
        instances.put("proxy", proxies);
        instances.put("arbitrator", 1);
        return instances;
    }

    private static Sizing sizing(Map<String, Integer> instances, String vmType, int diskMb) {
        return new Sizing(instances, vmType, diskMb, List.of("z1", "z2", "z3"));
    }

    static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static ParameterDraft parameter(String name, ParameterType type) {
        return new ParameterDraft(name, type);
    }

    /** A parameter under construction, for readable fixtures. */
    static final class ParameterDraft {
        private final String name;
        private final ParameterType type;
        private @Nullable Object defaultValue;
        private @Nullable String description;
        private @Nullable Object example;
        private final Set<Parameter.Flag> flags = EnumSet.noneOf(Parameter.Flag.class);
        private Parameter.Constraints constraints = Parameter.Constraints.NONE;

        ParameterDraft(String name, ParameterType type) {
            this.name = name;
            this.type = type;
        }

        ParameterDraft defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        ParameterDraft description(String text) {
            this.description = text;
            return this;
        }

        ParameterDraft example(Object value) {
            this.example = value;
            return this;
        }

        ParameterDraft createOnly() {
            flags.add(Parameter.Flag.CREATE_ONLY);
            return this;
        }

        ParameterDraft secret() {
            flags.add(Parameter.Flag.SECRET);
            return this;
        }

        ParameterDraft required() {
            flags.add(Parameter.Flag.REQUIRED);
            return this;
        }

        ParameterDraft builtIn() {
            flags.add(Parameter.Flag.BUILT_IN);
            return this;
        }

        ParameterDraft range(long min, long max) {
            return range(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        }

        ParameterDraft range(@Nullable BigDecimal min, @Nullable BigDecimal max) {
            constraints = constraints.withRange(min, max);
            return this;
        }

        ParameterDraft length(int min, int max) {
            constraints = constraints.withLength(min, max);
            return this;
        }

        ParameterDraft pattern(String regex) {
            constraints = constraints.withPattern(regex);
            return this;
        }

        ParameterDraft enumValues(Object... values) {
            constraints = constraints.withEnumValues(List.of(values));
            return this;
        }

        Parameter build() {
            return new Parameter(name, type, description, example, defaultValue, flags, constraints, SPAN);
        }
    }
}

package io.dedicate.compiler.emit;

import io.dedicate.compiler.model.App;
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
import io.dedicate.compiler.model.PipelineSettings;
import io.dedicate.compiler.model.PlanMetadata;
import io.dedicate.compiler.model.PlanTransition;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Offering models built by hand, for focused tests of the emitters without the front end: a
 * MySQL offering shaped like {@code offerings/mysql.offering}, and a minimal one.
 */
final class HandBuiltOfferings {

    static final SourceSpan SPAN = SourceSpan.at("hand-built.offering", 1, 1);
    static final long MB = 1024L * 1024;
    static final long GB = 1024L * MB;

    private HandBuiltOfferings() {}

    /** A MySQL offering with every kind of plan, parameter, errand, hook, app and output. */
    static Offering mysql() {
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
                        sizing(1, "small", 10_240),
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
                        sizing(2, "large", 102_400),
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
                new Expression.Concat(
                        List.of(new Expression.Literal("mysql-", SPAN), new Expression.InstanceRef("id", SPAN)), SPAN),
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
                                        List.of(new Job.Property(
                                                List.of("cf_mysql", "mysql", "innodb_buffer_pool_size"),
                                                new Expression.ParamRef("innodb_buffer_pool_size", SPAN),
                                                SPAN)),
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
                List.of(
                        new Release("cf-mysql", "36.19.0", "https://bosh.io/d/cf-mysql?v=36.19.0", "0d1e3a5f", SPAN),
                        new Release("prometheus", "26.6.0", null, null, SPAN)),
                new Stemcell("ubuntu-jammy", "1.586", SPAN),
                plans,
                List.of(new PlanTransition("cluster-small", "cluster-large", SPAN)),
                parameters,
                deployment,
                List.of(
                        new Errand(
                                "bootstrap",
                                "mysql",
                                List.of(
                                        new Trigger(Trigger.When.AFTER, Operation.DEPLOY),
                                        new Trigger(Trigger.When.AFTER, Operation.RECREATE)),
                                SPAN),
                        new Errand(
                                "smoke-tests",
                                null,
                                List.of(
                                        new Trigger(Trigger.When.AFTER, Operation.DEPLOY),
                                        new Trigger(Trigger.When.AFTER, Operation.UPDATE)),
                                SPAN)),
                List.of(new Hook(
                        "prometheus",
                        "prometheus",
                        List.of(new Trigger(Trigger.When.AFTER, Operation.DEPLOY)),
                        List.of(new Trigger(Trigger.When.BEFORE, Operation.DELETE)),
                        List.of(new Hook.OpsEntry(
                                "/instance_groups/name=prometheus2/jobs/name=prometheus2/properties/scrape_configs/-",
                                new Expression.OutputRef("metrics_targets", SPAN),
                                SPAN)),
                        SPAN)),
                List.of(new App(
                        "phpmyadmin",
                        "https://example.com/phpmyadmin.zip",
                        "php_buildpack",
                        256,
                        512,
                        2,
                        new Expression.Literal("service-ops", SPAN),
                        new Expression.Literal("mysql-dashboards", SPAN),
                        null,
                        Map.of("PMA_HOST", new Expression.OutputRef("host", SPAN)),
                        SPAN)),
                new Terraform(
                        "git::https://github.com/example/terraform-cf-security-groups.git//mysql?ref=v1.2.0",
                        Map.of("space_guid", new Expression.InstanceRef("space_guid", SPAN)),
                        SPAN),
                List.of(
                        new Output(
                                "host",
                                ParameterType.STRING,
                                new Expression.Literal("q-s0.proxy", SPAN),
                                false,
                                "Host name of the cluster's proxies",
                                SPAN),
                        new Output(
                                "admin_password",
                                ParameterType.STRING,
                                new Expression.VariableRef("mysql_admin_password", SPAN),
                                true,
                                null,
                                SPAN)),
                new Sharing(Sharing.Scope.ORGS, true),
                new Limits(5, null),
                PipelineSettings.DEFAULT,
                new MaintenanceInfo(
                        "1.4.0+cf-mysql.36.19.0.prometheus.26.6.0.ubuntu-jammy.1.586",
                        "cf-mysql 36.19.0, prometheus 26.6.0, stemcell ubuntu-jammy 1.586"),
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
                List.of(),
                null,
                List.of(new ClusterPlan(
                        "only",
                        "3f6c4c2e-8a44-3b3f-a0d6-6d1c7d9d9998",
                        new PlanMetadata("The only plan", null, true, List.of(), List.of()),
                        new Sizing(Map.of(), null, null, List.of()),
                        null,
                        null,
                        SPAN)),
                List.of(),
                new ParameterSet(List.of(), List.of(), List.of(), List.of()),
                new Deployment(new Expression.Literal("tiny", SPAN), null, Map.of(), List.of(), List.of()),
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(),
                Sharing.NONE,
                Limits.NONE,
                PipelineSettings.DEFAULT,
                new MaintenanceInfo("0.1.0", "tiny 0.1.0"),
                SPAN);
    }

    private static ParameterSet mysqlParameters() {
        Parameter bufferPool = param("innodb_buffer_pool_size", ParameterType.BYTES)
                .defaultValue("1GB")
                .example("2GB")
                .range(128 * MB, 64 * GB)
                .description("InnoDB buffer pool size")
                .build();
        Parameter maxConnections = param("max_connections", ParameterType.INTEGER)
                .defaultValue(1500L)
                .range(100, 10_000)
                .description("Maximum number of client connections")
                .build();
        Parameter slowQuery = param("slow_query_threshold", ParameterType.DURATION)
                .defaultValue("10s")
                .range(1, 3600)
                .description("Log queries slower than this")
                .build();
        Parameter auditLog = param("audit_log", ParameterType.BOOLEAN)
                .defaultValue(false)
                .description("Write a MySQL audit log")
                .build();
        Parameter majorVersion = param("major_version", ParameterType.ENUM)
                .enumValues("5.7", "8.0")
                .defaultValue("8.0")
                .createOnly()
                .description("MySQL major version; fixed at creation")
                .build();
        Parameter characterSet = param("character_set", ParameterType.STRING)
                .defaultValue("utf8mb4")
                .pattern("^[a-z0-9]+$")
                .length(1, 32)
                .createOnly()
                .description("Server character set")
                .build();
        Parameter replicas = param("read_replicas", ParameterType.INTEGER)
                .required()
                .range(0, 5)
                .description("Number of asynchronous read replicas")
                .build();
        Parameter rollingRestart = param("rolling_restart", ParameterType.BOOLEAN)
                .defaultValue(false)
                .description("Restart the nodes one by one after the change")
                .build();
        Parameter cluster = param("cluster", ParameterType.STRING)
                .required()
                .builtIn()
                .description("Name of the cluster instance to create this in")
                .build();
        Parameter clusterOrg = param("cluster-org", ParameterType.STRING)
                .builtIn()
                .description("Org of the cluster, when it is in another org")
                .build();
        Parameter clusterSpace = param("cluster-space", ParameterType.STRING)
                .builtIn()
                .description("Space of the cluster, when it is in another space")
                .build();
        Parameter collation = param("collation", ParameterType.STRING)
                .defaultValue("utf8mb4_unicode_ci")
                .pattern("^[a-z0-9_]+$")
                .description("Collation of the new database")
                .build();
        Parameter readOnly = param("read_only", ParameterType.BOOLEAN)
                .defaultValue(false)
                .description("Create a user that may only read")
                .build();
        Parameter password = param("password", ParameterType.STRING)
                .length(16, 64)
                .secret()
                .defaultValue("do-not-leak-this-default")
                .example("do-not-leak-this-example")
                .description("Use this password instead of a generated one")
                .build();
        Parameter ratio = param("cpu_ratio", ParameterType.NUMBER)
                .defaultValue(new BigDecimal("0.50"))
                .range(new BigDecimal("0.1"), new BigDecimal("1.0"))
                .build();
        return new ParameterSet(
                List.of(bufferPool, maxConnections, slowQuery, auditLog, majorVersion, characterSet, replicas, ratio),
                List.of(bufferPool, maxConnections, slowQuery, auditLog, replicas, ratio, rollingRestart),
                List.of(cluster, clusterOrg, clusterSpace, collation),
                List.of(readOnly, password));
    }

    private static Sizing sizing(int proxies, String vmType, int diskMb) {
        Map<String, Integer> instances = new LinkedHashMap<>();
        instances.put("mysql", 3);
        instances.put("proxy", proxies);
        instances.put("arbitrator", 1);
        return new Sizing(instances, vmType, diskMb, List.of("z1", "z2", "z3"));
    }

    static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static ParameterDraft param(String name, ParameterType type) {
        return new ParameterDraft(name, type);
    }

    /** A parameter under construction, for readable fixtures. */
    static final class ParameterDraft {
        private final String name;
        private final ParameterType type;
        private @Nullable Object defaultValue;
        private @Nullable String description;
        private @Nullable Object example;
        private boolean createOnly;
        private boolean secret;
        private boolean required;
        private @Nullable BigDecimal minimum;
        private @Nullable BigDecimal maximum;
        private @Nullable Integer minLength;
        private @Nullable Integer maxLength;
        private @Nullable String pattern;
        private final List<Object> enumValues = new ArrayList<>();
        private boolean builtIn;

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
            this.createOnly = true;
            return this;
        }

        ParameterDraft secret() {
            this.secret = true;
            return this;
        }

        ParameterDraft required() {
            this.required = true;
            return this;
        }

        ParameterDraft builtIn() {
            this.builtIn = true;
            return this;
        }

        ParameterDraft range(long min, long max) {
            return range(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        }

        ParameterDraft range(@Nullable BigDecimal min, @Nullable BigDecimal max) {
            this.minimum = min;
            this.maximum = max;
            return this;
        }

        ParameterDraft length(int min, int max) {
            this.minLength = min;
            this.maxLength = max;
            return this;
        }

        ParameterDraft pattern(String regex) {
            this.pattern = regex;
            return this;
        }

        ParameterDraft enumValues(Object... values) {
            enumValues.addAll(List.of(values));
            return this;
        }

        Parameter build() {
            return new Parameter(
                    name,
                    type,
                    defaultValue,
                    description,
                    example,
                    createOnly,
                    secret,
                    required,
                    minimum,
                    maximum,
                    minLength,
                    maxLength,
                    pattern,
                    enumValues,
                    builtIn,
                    SPAN);
        }
    }
}

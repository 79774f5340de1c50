package io.dedicate.compiler.emit;

import io.dedicate.compiler.model.App;
import io.dedicate.compiler.model.ChildPlan;
import io.dedicate.compiler.model.ClusterPlan;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offerings built by hand, as the front end would build them: the MySQL offering of {@code
 * offerings/mysql.offering} (until the front end compiles it) and small variations for edge cases.
 */
final class OfferingFixtures {

    static final SourceSpan SPAN = SourceSpan.at("offerings/mysql.offering", 1, 1);

    private OfferingFixtures() {}

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

    static Parameter parameter(String name, ParameterType type, Object defaultValue) {
        return new Parameter(
                name,
                type,
                defaultValue,
                null,
                null,
                false,
                false,
                false,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                false,
                SPAN);
    }

    /** The offering {@code offerings/mysql.offering} describes, with its fragments. */
    static Offering mysql() {
        Expression deploymentName = concat(lit("mysql-"), instance("id"));
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
                                        "mysql",
                                        "cf-mysql",
                                        List.of(
                                                property("cf_mysql.mysql.admin_password", vars("mysql_admin_password")),
                                                property(
                                                        "cf_mysql.mysql.innodb_buffer_pool_size",
                                                        param("innodb_buffer_pool_size")),
                                                property("cf_mysql.mysql.max_connections", param("max_connections")),
                                                property(
                                                        "cf_mysql.mysql.long_query_time",
                                                        param("slow_query_threshold")),
                                                property("cf_mysql.mysql.audit_log.enabled", param("audit_log")),
                                                property("cf_mysql.mysql.character_set_server", param("character_set")),
                                                property(
                                                        "cf_mysql.mysql.cluster_health.password",
                                                        vars("cluster_health_password")),
                                                property(
                                                        "cf_mysql.mysql.galera_healthcheck.endpoint_password",
                                                        vars("galera_healthcheck_password")),
                                                property(
                                                        "cf_mysql.mysql.tls.server_certificate",
                                                        vars("mysql_server_tls")),
                                                property(
                                                        "cf_mysql.mysql.cluster_ips_count",
                                                        plan("instances", "mysql"))),
                                        SPAN),
                                new Job("bootstrap", "cf-mysql", List.of(), SPAN),
                                new Job(
                                        "mysqld_exporter",
                                        "prometheus",
                                        List.of(
                                                property("mysqld_exporter.mysql.username", lit("root")),
                                                property(
                                                        "mysqld_exporter.mysql.password",
                                                        vars("mysql_admin_password"))),
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
                        List.of(new Job(
                                "proxy",
                                "cf-mysql",
                                List.of(
                                        property("cf_mysql.proxy.api_password", vars("proxy_api_password")),
                                        property("cf_mysql.proxy.api_force_https", lit(true))),
                                SPAN)),
                        SPAN),
                new InstanceGroup(
                        "arbitrator",
                        false,
                        null,
                        "small",
                        1024,
                        List.of(),
                        List.of(),
                        List.of(new Job(
                                "arbitrator",
                                "cf-mysql",
                                List.of(property(
                                        "cf_mysql.mysql.galera_healthcheck.endpoint_password",
                                        vars("galera_healthcheck_password"))),
                                SPAN)),
                        SPAN),
                new InstanceGroup(
                        "broker",
                        false,
                        null,
                        "small",
                        1024,
                        List.of(),
                        List.of(),
                        List.of(new Job(
                                "cf-mysql-broker",
                                "cf-mysql",
                                List.of(
                                        property("cf_mysql.broker.auth_password", vars("broker_password")),
                                        property(
                                                "cf_mysql.broker.services",
                                                list(map(
                                                        "name",
                                                        lit("p-mysql"),
                                                        "plans",
                                                        list(map(
                                                                "name",
                                                                lit("default"),
                                                                "max_storage_mb",
                                                                lit(1024L)))))),
                                        property("cf_mysql.mysql.admin_password", vars("mysql_admin_password"))),
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
                        List.of(new Job(
                                "smoke-tests",
                                "cf-mysql",
                                List.of(
                                        property("cf_mysql.smoke_tests.password", vars("smoke_tests_password")),
                                        property("cf_mysql.mysql.admin_password", vars("mysql_admin_password"))),
                                SPAN)),
                        SPAN),
                new InstanceGroup(
                        "deregister-and-purge-instances",
                        true,
                        1,
                        "small",
                        null,
                        List.of(),
                        List.of(),
                        List.of(new Job(
                                "deregister-and-purge-instances",
                                "cf-mysql",
                                List.of(property("cf_mysql.broker.auth_password", vars("broker_password"))),
                                SPAN)),
                        SPAN));
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("canaries", 1L);
        update.put("max_in_flight", 1L);
        update.put("canary_watch_time", "30000-600000");
        update.put("update_watch_time", "30000-600000");
        update.put("serial", false);
        List<Variable> variables = List.of(
                new Variable("mysql_admin_password", "password", Map.of(), SPAN),
                new Variable("cluster_health_password", "password", Map.of(), SPAN),
                new Variable("galera_healthcheck_password", "password", Map.of(), SPAN),
                new Variable("proxy_api_password", "password", Map.of(), SPAN),
                new Variable("broker_password", "password", Map.of(), SPAN),
                new Variable("smoke_tests_password", "password", Map.of(), SPAN),
                new Variable(
                        "mysql_ca",
                        "certificate",
                        ((Expression.MapOf) map("is_ca", lit(true), "common_name", lit("mysql-ca"))).entries(),
                        SPAN),
                new Variable(
                        "mysql_server_tls",
                        "certificate",
                        ((Expression.MapOf) map(
                                        "ca",
                                        lit("mysql_ca"),
                                        "common_name",
                                        concat(lit("mysql."), instance("id"), lit(".internal")),
                                        "alternative_names",
                                        list(concat(
                                                lit("*.mysql.tenant-clusters.mysql-"), instance("id"), lit(".bosh")))))
                                .entries(),
                        SPAN));
        Deployment deployment = new Deployment(deploymentName, "tenant-clusters", update, groups, variables);

        Expression deploymentNameRef = new Expression.DeploymentName(SPAN);
        List<Hook> hooks = List.of(
                new Hook(
                        "prometheus",
                        "prometheus",
                        List.of(after(Operation.DEPLOY), after(Operation.UPDATE), after(Operation.RECREATE)),
                        List.of(after(Operation.DELETE)),
                        List.of(new Hook.OpsEntry(
                                "/instance_groups/name=prometheus2/jobs/name=prometheus2/properties/prometheus/scrape_configs/-",
                                map(
                                        "job_name",
                                        concat(deploymentNameRef),
                                        "scrape_interval",
                                        lit("30s"),
                                        "static_configs",
                                        list(map("targets", list(output("metrics_targets"))))),
                                SPAN)),
                        SPAN),
                new Hook(
                        "shield",
                        "shield",
                        List.of(after(Operation.DEPLOY), after(Operation.UPDATE)),
                        List.of(before(Operation.DELETE)),
                        List.of(new Hook.OpsEntry(
                                "/instance_groups/name=shield/jobs/name=import/properties/import/jobs/-",
                                map(
                                        "name",
                                        concat(deploymentNameRef, lit("-nightly")),
                                        "schedule",
                                        lit("daily 3am"),
                                        "retain",
                                        lit("7d"),
                                        "target",
                                        output("backup_target"),
                                        "plugin",
                                        output("backup_plugin"),
                                        "store",
                                        lit("default")),
                                SPAN)),
                        SPAN));

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
                out("admin_username", ParameterType.STRING, lit("root"), false),
                out("admin_password", ParameterType.STRING, vars("mysql_admin_password"), true),
                out(
                        "broker_url",
                        ParameterType.STRING,
                        concat(lit("https://q-s0.broker.tenant-clusters.mysql-"), instance("id"), lit(".bosh:8081")),
                        false),
                out("broker_username", ParameterType.STRING, lit("admin"), false),
                out("broker_password", ParameterType.STRING, vars("broker_password"), true),
                out("metrics_targets", ParameterType.STRING, hostName("mysql", ":9104"), false),
                out("backup_target", ParameterType.STRING, hostName("mysql", ":3306"), false),
                out("backup_plugin", ParameterType.STRING, lit("mysql"), false));

        List<Parameter> cluster = List.of(
                parameter("innodb_buffer_pool_size", ParameterType.BYTES, "1GB"),
                parameter("max_connections", ParameterType.INTEGER, 1500L),
                parameter("slow_query_threshold", ParameterType.DURATION, "10s"),
                parameter("audit_log", ParameterType.BOOLEAN, false),
                parameter("major_version", ParameterType.ENUM, "8.0"),
                parameter("character_set", ParameterType.STRING, "utf8mb4"));

        return new Offering(
                "mysql-on-demand",
                "1.4.0",
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
                List.of(
                        new Release(
                                "cf-mysql",
                                "36.19.0",
                                "https://bosh.io/d/github.com/cloudfoundry/cf-mysql-release?v=36.19.0",
                                "0d1e3a5f9c4b7e2a6d8f1c3b5a7e9d2f4c6b8a0e",
                                SPAN),
                        new Release(
                                "prometheus",
                                "26.6.0",
                                "https://github.com/bosh-prometheus/prometheus-boshrelease/releases/download/v26.6.0/prometheus-26.6.0.tgz",
                                "7c2e4a6b8d0f1e3c5a7b9d1f3e5c7a9b1d3f5e7a",
                                SPAN)),
                new Stemcell("ubuntu-jammy", "1.586", SPAN),
                List.of(
                        clusterPlan("cluster-small", "small", 10240, 1),
                        clusterPlan("cluster-large", "large", 102400, 2),
                        new ChildPlan(
                                "database",
                                "5f1b7f0e-0000-5000-8000-000000000004",
                                new PlanMetadata("A database", null, true, List.of(), List.of()),
                                new Driver("delegate", Map.of("service", "p-mysql", "plan", "default"), SPAN),
                                null,
                                SPAN)),
                List.of(new PlanTransition("cluster-small", "cluster-large", SPAN)),
                new ParameterSet(cluster, cluster, List.of(), List.of()),
                deployment,
                List.of(
                        new Errand(
                                "bootstrap",
                                "mysql",
                                List.of(after(Operation.DEPLOY), after(Operation.RECREATE)),
                                SPAN),
                        new Errand(
                                "smoke-tests",
                                null,
                                List.of(after(Operation.DEPLOY), after(Operation.UPDATE), after(Operation.UPGRADE)),
                                SPAN),
                        new Errand("deregister-and-purge-instances", null, List.of(before(Operation.DELETE)), SPAN)),
                hooks,
                List.of(app),
                terraform,
                outputs,
                new Sharing(Sharing.Scope.ORGS, true),
                new Limits(5, 50),
                PipelineSettings.DEFAULT,
                new MaintenanceInfo("1.4.0+cf-mysql.36.19.0.prometheus.26.6.0", "cf-mysql 36.19.0, prometheus 26.6.0"),
                SPAN);
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
        instances.put("arbitrator", 1);
        instances.put("broker", 1);
        return new ClusterPlan(
                name,
                "5f1b7f0e-0000-5000-8000-0000000000" + (name.equals("cluster-small") ? "02" : "03"),
                new PlanMetadata(name, null, false, List.of(), List.of()),
                new Sizing(instances, vmType, diskMb, List.of("z1", "z2", "z3")),
                7200L,
                null,
                SPAN);
    }

    /**
     * Sample template variables of one instance, as the broker provides them: the first cluster
     * plan, every cluster parameter with its default or a value of its type ({@link
     * TemplateSamples}, which the compiler's render check uses too).
     */
    static Map<String, Object> variables(Offering offering, String operationKind) {
        return TemplateSamples.instance(offering, offering.clusterPlans().get(0), operationKind);
    }
}

package io.dedicate.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.RepositoryFiles;
import io.dedicate.compiler.model.ChildPlan;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Cost;
import io.dedicate.compiler.model.Errand;
import io.dedicate.compiler.model.Expression;
import io.dedicate.compiler.model.InstanceGroup;
import io.dedicate.compiler.model.Job;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Operation;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterType;
import io.dedicate.compiler.model.PipelineSettings;
import io.dedicate.compiler.model.Sharing;
import io.dedicate.compiler.model.Trigger;
import io.dedicate.dsl.SourceSpan;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model of the real {@code offerings/mysql.offering}: every normalisation the model promises. */
class MySqlModelTest {

    private static Offering mysql;

    @BeforeAll
    static void compile() {
        CompileResult result = new OfferingCompiler().check(List.of(RepositoryFiles.OFFERINGS));
        assertEquals(List.of(), result.diagnostics(), "the real offering compiles without any diagnostic");
        assertEquals(1, result.offerings().size());
        mysql = result.offerings().get(0);
    }

    @Test
    void derivedIdsAreStableNameBasedUuids() {
        // Pinned: changing them would orphan every instance a broker already has.
        assertEquals("8de0837c-7c94-5680-aabb-1a527f3ab4ad", mysql.catalog().id());
        assertEquals(
                "37282dad-6171-54b3-a28e-1a395472b7ac", plan("cluster-small").id());
        assertEquals("90e99e45-8911-5351-991f-2fb012d1f0ce", plan("100mb").id());
    }

    @Test
    void maintenanceInfoNamesReleasesAndStemcell() {
        assertEquals(
                "1.4.0+pxc.2.0.8.bpm.1.4.26.prometheus.26.6.0.ubuntu-jammy.1.586",
                mysql.catalog().maintenanceInfo().version());
        assertEquals(
                "mysql-on-demand 1.4.0: pxc 2.0.8, bpm 1.4.26, prometheus 26.6.0, stemcell ubuntu-jammy 1.586",
                mysql.catalog().maintenanceInfo().description());
    }

    @Test
    void serviceMetadata() {
        assertEquals(
                "MySQL clusters and databases on demand",
                mysql.catalog().metadata().description());
        assertEquals("MySQL on demand", mysql.catalog().metadata().displayName());
        assertEquals(
                List.of("mysql", "relational", "dedicated"),
                mysql.catalog().metadata().tags());
        assertTrue(mysql.catalog().metadata().shareable());
        assertTrue(mysql.catalog().metadata().planUpdateable());
        String longDescription =
                Objects.requireNonNull(mysql.catalog().metadata().longDescription());
        assertTrue(longDescription.startsWith("Dedicated MySQL (Galera) clusters"), longDescription);
    }

    @Test
    void clusterPlanSizingIsNormalised() {
        ClusterPlan small = (ClusterPlan) plan("cluster-small");
        assertEquals(
                List.of("mysql", "proxy"),
                List.copyOf(small.sizing().instances().keySet()),
                "instance groups in deployment order, errand groups left out");
        assertEquals(Map.of("mysql", 3, "proxy", 1), small.sizing().instances());
        assertEquals("small", small.sizing().vmType());
        assertEquals(10 * 1024, small.sizing().diskMb());
        assertEquals(List.of("z1", "z2", "z3"), small.sizing().azs());
        assertEquals(2 * 3600L, small.maxPollingSeconds());
        assertFalse(small.bindable());
    }

    @Test
    void costsAndFree() {
        ClusterPlan small = (ClusterPlan) plan("cluster-small");
        assertEquals(
                List.of(new Cost(new BigDecimal("120.00"), "usd", "MONTHLY")),
                small.metadata().costs());
        assertFalse(small.metadata().free(), "a plan with costs is not free");
        assertTrue(plan("100mb").metadata().free());
        assertFalse(plan("15gb").metadata().free());
    }

    @Test
    void driversAndTheirSettings() {
        assertTrue(
                mysql.plans().named("database").isEmpty(),
                "pxc-release has no service broker: no plan is delegated to one");
        ChildPlan hundred = (ChildPlan) plan("100mb");
        assertEquals("mysql", hundred.driver().name());
        assertEquals(Map.of("quota", 100L * 1024 * 1024), hundred.driver().settings(), "quota in bytes");
        assertTrue(hundred.bindable());
    }

    @Test
    void upgradesInSourceOrder() {
        assertEquals(List.of("cluster-large"), mysql.plans().upgradeTargets("cluster-small"));
    }

    @Test
    void parametersAreExpandedPerRequest() {
        assertEquals(
                List.of(
                        "innodb_buffer_pool_size",
                        "max_connections",
                        "slow_query_threshold",
                        "audit_log",
                        "major_version",
                        "character_set",
                        "grants"),
                names(mysql.parameters().clusterCreate()),
                "an offering that shares clusters takes the built-in grants");
        assertEquals(
                List.of(
                        "innodb_buffer_pool_size",
                        "max_connections",
                        "slow_query_threshold",
                        "audit_log",
                        "rolling_restart",
                        "recreate",
                        "grants"),
                names(mysql.parameters().clusterUpdate()),
                "create-only parameters are not accepted on update");
        assertEquals(
                List.of("cluster", "cluster-org", "cluster-space", "collation"),
                names(mysql.parameters().childCreate()),
                "built-ins first");
        assertEquals(List.of("read_only", "password"), names(mysql.parameters().bindingCreate()));

        Parameter cluster = mysql.parameters().childCreate().get(0);
        assertEquals(Set.of(Parameter.Flag.BUILT_IN, Parameter.Flag.REQUIRED), cluster.flags());
        assertEquals(SourceSpan.NONE, cluster.span());
        assertFalse(mysql.parameters().childCreate().get(1).is(Parameter.Flag.REQUIRED));
    }

    @Test
    void parameterDefaultsKeepTheirWrittenFormAndBoundsAreNormalised() {
        Parameter pool = mysql.parameters().clusterCreate().get(0);
        assertEquals(ParameterType.BYTES, pool.type());
        assertEquals("1GB", pool.defaultValue());
        assertEquals("2GB", pool.example());
        assertEquals(new BigDecimal(128L * 1024 * 1024), pool.constraints().minimum());
        assertEquals(
                new BigDecimal(64L * 1024 * 1024 * 1024), pool.constraints().maximum());

        Parameter slow = mysql.parameters().clusterCreate().get(2);
        assertEquals("10s", slow.defaultValue());
        assertEquals(new BigDecimal(1), slow.constraints().minimum());
        assertEquals(new BigDecimal(3600), slow.constraints().maximum());

        Parameter connections = mysql.parameters().clusterCreate().get(1);
        assertEquals(1500L, connections.defaultValue());

        Parameter major = mysql.parameters().clusterCreate().get(4);
        assertEquals(List.of("5.7", "8.0"), major.constraints().enumValues());
        assertEquals(Set.of(Parameter.Flag.CREATE_ONLY), major.flags());

        Parameter charset = mysql.parameters().clusterCreate().get(5);
        assertEquals("^[a-z0-9]+$", charset.constraints().pattern());
        assertEquals(1, charset.constraints().minLength());
        assertEquals(32, charset.constraints().maxLength());

        Parameter password = mysql.parameters().bindingCreate().get(1);
        assertEquals(Set.of(Parameter.Flag.SECRET), password.flags());
        assertNull(password.defaultValue());
    }

    @Test
    void deployment() {
        Expression.Concat name = assertInstanceOf(
                Expression.Concat.class, mysql.automation().deployment().name());
        assertEquals("mysql-", ((Expression.Literal) name.parts().get(0)).value());
        assertEquals("id", ((Expression.InstanceRef) name.parts().get(1)).field());
        assertEquals("tenant-clusters", mysql.automation().deployment().network());
        assertEquals(
                Map.of(
                        "canaries",
                        1L,
                        "max_in_flight",
                        1L,
                        "canary_watch_time",
                        "30000-600000",
                        "update_watch_time",
                        "30000-600000",
                        "serial",
                        false),
                mysql.automation().deployment().update());
        InstanceGroup proxy = group("proxy");
        assertEquals(1024, proxy.diskMb());
        assertEquals("small", proxy.vmType());
        assertNull(proxy.instances());
        InstanceGroup smoke = group("smoke-tests");
        assertTrue(smoke.errand());
        assertEquals(1, smoke.instances());

        Job mysqlJob = group("mysql").jobs().get(0);
        assertEquals("pxc-mysql", mysqlJob.name());
        assertEquals("pxc", mysqlJob.release());
        Job.Property pool = mysqlJob.properties().get(2);
        assertEquals(List.of("engine_config", "innodb_buffer_pool_size"), pool.path());
        assertEquals("innodb_buffer_pool_size", ((Expression.ParamRef) pool.value()).name());
        Job.Property server = mysqlJob.properties().get(7);
        assertEquals(List.of("tls", "server"), server.path());
        assertEquals("mysql_server_tls", ((Expression.VariableRef) server.value()).name());
        assertEquals(13, mysql.automation().deployment().variables().size());
        assertEquals(
                "certificate",
                mysql.automation().deployment().variables().get(9).type());
    }

    @Test
    void errandsHooksAppsAndTerraform() {
        assertEquals(1, mysql.automation().errands().size(), "bootstrap is never run by the pipelines");
        Errand smoke = mysql.automation().errands().get(0);
        assertEquals("smoke-tests", smoke.name());
        assertTrue(smoke.runs(Trigger.When.AFTER, Operation.DEPLOY));
        assertFalse(smoke.runs(Trigger.When.BEFORE, Operation.DELETE));
        assertEquals(List.of(), mysql.automation().hooks(), "Prometheus discovers clusters through bosh_exporter");

        var app = mysql.automation().apps().get(0);
        assertEquals(256, app.memoryMb());
        assertEquals(512, app.diskMb());
        assertEquals(2, app.instances());
        assertEquals(
                "host", ((Expression.OutputRef) Objects.requireNonNull(app.env().get("PMA_HOST"))).name());

        var terraform = Objects.requireNonNull(mysql.automation().terraform());
        assertEquals(
                List.of("name", "space_guid", "ports"),
                List.copyOf(terraform.vars().keySet()));
        assertEquals(
                "space_guid",
                ((Expression.InstanceRef)
                                Objects.requireNonNull(terraform.vars().get("space_guid")))
                        .field());
    }

    @Test
    void outputsSharingLimitsPipeline() {
        var admin = mysql.outputs().get(3);
        assertEquals("admin_password", admin.name());
        assertTrue(admin.secret());
        assertEquals("dedicate_admin_password", ((Expression.VariableRef) admin.value()).name());
        assertEquals(3306L, ((Expression.Literal) mysql.outputs().get(1).value()).value());
        assertEquals(new Sharing(Sharing.Scope.ORGS, true), mysql.policy().sharing());
        assertEquals(5, mysql.policy().limits().clustersPerOrg());
        assertEquals(50, mysql.policy().limits().childrenPerCluster());
        assertEquals(
                new PipelineSettings("ghcr.io/orange-cloudfoundry/orange-cf-bosh-cli", "3.2.14"),
                mysql.automation().pipeline());
    }

    private static io.dedicate.compiler.model.Plan plan(String name) {
        return mysql.plans().named(name).orElseThrow();
    }

    private static InstanceGroup group(String name) {
        return mysql.automation().deployment().instanceGroups().stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> names(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }
}

package io.dedicate.broker.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.InvalidParametersException;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.parameters.ValidatedParameters;
import io.dedicate.bundle.parameters.Violation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterValidatorTest {

    private static LoadedBundle bundle;
    private static ParameterValidator validator;
    private static OfferingModel mysql;
    private static PlanModel small;
    private static PlanModel large;
    private static PlanModel database;
    private static PlanModel child100mb;

    @BeforeAll
    static void load() {
        bundle = BundleLoader.load(TestBundles.mysqlBundle());
        validator = new ParameterValidator(bundle);
        mysql = bundle.offerings().get(0);
        small = mysql.planByName("cluster-small").orElseThrow();
        large = mysql.planByName("cluster-large").orElseThrow();
        database = mysql.planByName("1gb").orElseThrow();
        child100mb = mysql.planByName("100mb").orElseThrow();
    }

    private static Map<String, Object> params(@Nullable Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Violation> violations(Runnable call) {
        InvalidParametersException e = catchThrowableOfType(InvalidParametersException.class, call::run);
        assertThat(e).as("expected invalid parameters").isNotNull();
        assertThat(e.getMessage()).doesNotContain("java.", "Long", "Integer", "String", "JsonNode", "Node");
        return e.violations();
    }

    @Test
    void appliesDefaultsInDeclarationOrder() {
        ValidatedParameters result = validator.clusterCreate(mysql, small, Map.of());
        assertThat(result.values())
                .containsExactly(
                        Map.entry("innodb_buffer_pool_size", 1073741824L),
                        Map.entry("max_connections", 1500L),
                        Map.entry("slow_query_threshold", 10L),
                        Map.entry("audit_log", false),
                        Map.entry("major_version", "8.0"),
                        Map.entry("character_set", "utf8mb4"));
        assertThat(result.secretNames()).isEmpty();
    }

    @Test
    void normalisesByteSizesDurationsAndIntegers() {
        ValidatedParameters result = validator.clusterCreate(
                mysql,
                small,
                params(
                        "innodb_buffer_pool_size", "2GB",
                        "slow_query_threshold", "5m",
                        "max_connections", 2000,
                        "audit_log", true,
                        "major_version", "5.7"));
        assertThat(result.values())
                .containsEntry("innodb_buffer_pool_size", 2147483648L)
                .containsEntry("slow_query_threshold", 300L)
                .containsEntry("max_connections", 2000L)
                .containsEntry("audit_log", true)
                .containsEntry("major_version", "5.7")
                .containsEntry("character_set", "utf8mb4");
        assertThat(validator
                        .clusterCreate(mysql, small, params("innodb_buffer_pool_size", "1.5 gb"))
                        .values())
                .containsEntry("innodb_buffer_pool_size", 1610612736L);
        assertThat(validator
                        .clusterCreate(mysql, small, params("innodb_buffer_pool_size", 268435456L))
                        .values())
                .containsEntry("innodb_buffer_pool_size", 268435456L);
        assertThat(validator
                        .clusterCreate(mysql, small, params("slow_query_threshold", 30))
                        .values())
                .containsEntry("slow_query_threshold", 30L);
        assertThat(violations(() -> validator.clusterCreate(mysql, small, params("slow_query_threshold", 7200))))
                .containsExactly(
                        new Violation("$.slow_query_threshold", "must be at most 3600 seconds (1h) (got 7200)"));
    }

    @Test
    void reportsEveryViolationWithItsPathSortedByPath() {
        List<Violation> violations = violations(() -> validator.clusterCreate(
                mysql,
                small,
                params(
                        "max_connections",
                        20000,
                        "max_conections",
                        200,
                        "audit_log",
                        "yes",
                        "major_version",
                        "9.1",
                        "character_set",
                        "UTF-8",
                        "slow_query_threshold",
                        1.5)));
        assertThat(violations)
                .containsExactly(
                        new Violation("$.audit_log", "must be true or false (got a string)"),
                        new Violation("$.character_set", "must match the pattern ^[a-z0-9]+$ (got \"UTF-8\")"),
                        new Violation("$.major_version", "must be one of \"5.7\", \"8.0\" (got \"9.1\")"),
                        new Violation(
                                "$.max_conections",
                                "is not a parameter of plan cluster-small (known: max_connections, major_version,"
                                        + " grants, audit_log, character_set, slow_query_threshold,"
                                        + " innodb_buffer_pool_size)"),
                        new Violation("$.max_connections", "must be at most 10000 (got 20000)"),
                        new Violation(
                                "$.slow_query_threshold",
                                "must be a duration: an integer number of seconds, or a number and a unit s, m, h or"
                                        + " d such as \"5m\" (got a decimal number)"));
    }

    @Test
    void theExceptionMessageListsAllViolations() {
        assertThatThrownBy(() -> validator.clusterCreate(mysql, small, params("max_connections", 20000, "foo", 1)))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("invalid parameters: $.foo: is not a parameter of plan cluster-small (known: grants,"
                        + " audit_log, major_version, character_set, max_connections, slow_query_threshold,"
                        + " innodb_buffer_pool_size); $.max_connections: must be at most 10000 (got 20000)");
    }

    @Test
    void checksTheRangeOfByteSizesAndDurationsInTheUsersUnit() {
        assertThat(violations(() -> validator.clusterCreate(
                        mysql, small, params("innodb_buffer_pool_size", "64MB", "slow_query_threshold", "2h"))))
                .containsExactly(
                        new Violation("$.innodb_buffer_pool_size", "must be at least 128MB (got 64MB)"),
                        new Violation("$.slow_query_threshold", "must be at most 1h (got 2h)"));
        assertThat(violations(() -> validator.clusterCreate(mysql, small, params("innodb_buffer_pool_size", "65gb"))))
                .containsExactly(new Violation("$.innodb_buffer_pool_size", "must be at most 64GB (got 65GB)"));
        assertThat(violations(() -> validator.clusterCreate(mysql, small, params("innodb_buffer_pool_size", 1000))))
                .containsExactly(new Violation(
                        "$.innodb_buffer_pool_size", "must be at least 134217728 bytes (128MB) (got 1000)"));
        assertThat(violations(() -> validator.clusterCreate(mysql, small, params("innodb_buffer_pool_size", "2 GiB"))))
                .containsExactly(new Violation(
                        "$.innodb_buffer_pool_size",
                        "must be a byte size: an integer number of bytes, or a number and a unit B, KB, MB, GB or TB"
                                + " such as \"2GB\" (got \"2 GiB\")"));
        assertThat(violations(() -> validator.clusterCreate(mysql, small, params("innodb_buffer_pool_size", "1.5B"))))
                .containsExactly(
                        new Violation("$.innodb_buffer_pool_size", "must be a whole number of bytes (got \"1.5B\")"));
    }

    @Test
    void nestedValuesAndNullInAScalarParameterAreTypeErrors() {
        Map<String, Object> requested = new HashMap<>();
        requested.put("max_connections", Map.of("value", 200));
        requested.put("audit_log", List.of(true));
        requested.put("character_set", null);
        assertThat(violations(() -> validator.clusterCreate(mysql, small, requested)))
                .containsExactly(
                        new Violation("$.audit_log", "must be true or false (got an array)"),
                        new Violation("$.character_set", "must be a string (got null)"),
                        new Violation("$.max_connections", "must be an integer (got an object)"));
    }

    @Test
    void theTopLevelMustBeAnObject() {
        assertThat(ParameterValidator.parametersObject(null)).isEmpty();
        assertThat(ParameterValidator.parametersObject(Map.of("a", 1))).containsEntry("a", 1);
        assertThatThrownBy(() -> ParameterValidator.parametersObject(List.of(1, 2)))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("invalid parameters: $: must be a JSON object (got an array)");
        assertThatThrownBy(() -> ParameterValidator.parametersObject("text"))
                .hasMessage("invalid parameters: $: must be a JSON object (got a string)");
    }

    @Test
    void createOnlyParametersAreRefusedOnUpdateAndKept() {
        Map<String, Object> current = validator
                .clusterCreate(mysql, small, params("major_version", "5.7"))
                .values();
        assertThat(violations(() -> validator.clusterUpdate(
                        mysql, large, params("major_version", "8.0", "character_set", "latin1"), current)))
                .containsExactly(
                        new Violation(
                                "$.character_set", "is create-only: it can only be set when the cluster is created"),
                        new Violation(
                                "$.major_version", "is create-only: it can only be set when the cluster is created"));
        ValidatedParameters updated = validator.clusterUpdate(mysql, large, params("max_connections", 3000), current);
        assertThat(updated.values()).containsEntry("major_version", "5.7").containsEntry("character_set", "utf8mb4");
    }

    @Test
    void updateKeepsOrDefaultsAbsentParameters() {
        Map<String, Object> current = validator
                .clusterCreate(mysql, small, params("max_connections", 4000, "innodb_buffer_pool_size", "4GB"))
                .values();
        ValidatedParameters updated =
                validator.clusterUpdate(mysql, small, params("audit_log", true, "rolling_restart", true), current);
        // cluster_create's order, then the update-only parameters (the compiler may add built-ins such as recreate)
        assertThat(updated.values())
                .containsEntry("innodb_buffer_pool_size", 4294967296L)
                .containsEntry("max_connections", 4000L)
                .containsEntry("slow_query_threshold", 10L)
                .containsEntry("audit_log", true)
                .containsEntry("major_version", "8.0")
                .containsEntry("character_set", "utf8mb4")
                .containsEntry("rolling_restart", true);
        assertThat(List.copyOf(updated.values().keySet()))
                .startsWith(
                        "innodb_buffer_pool_size",
                        "max_connections",
                        "slow_query_threshold",
                        "audit_log",
                        "major_version",
                        "character_set")
                .contains("rolling_restart");
        // rolling_restart is when_absent default: an update without it goes back to false; audit_log (keep) stays
        ValidatedParameters next = validator.clusterUpdate(mysql, small, Map.of(), updated.values());
        assertThat(next.values()).containsEntry("rolling_restart", false).containsEntry("audit_log", true);
        // a kept parameter the instance never had takes its default
        assertThat(validator.clusterUpdate(mysql, small, Map.of(), Map.of()).values())
                .containsEntry("max_connections", 1500L);
    }

    @Test
    void secretsAreMaskedAndNeverInMessages() {
        String password = "correct-horse-battery-staple";
        ValidatedParameters binding = validator.bindingCreate(mysql, child100mb, params("password", password));
        assertThat(binding.values()).containsEntry("password", password).containsEntry("read_only", false);
        assertThat(binding.secretNames()).containsExactly("password");
        assertThat(binding.masked()).containsEntry("password", "(secret)").containsEntry("read_only", false);
        assertThat(binding.toString()).doesNotContain(password);
        assertThat(binding.publicValues()).containsOnlyKeys("read_only");
        assertThat(binding.secretValues()).containsExactly(Map.entry("password", password));

        String shortSecret = "hunter2";
        InvalidParametersException e = catchThrowableOfType(
                InvalidParametersException.class,
                () -> validator.bindingCreate(mysql, child100mb, params("password", shortSecret)));
        assertThat(e.getMessage()).doesNotContain(shortSecret);
        assertThat(e.violations())
                .containsExactly(new Violation("$.password", "must be at least 16 characters long (secret value)"));
        String longSecret = "x".repeat(65);
        assertThat(violations(() -> validator.bindingCreate(mysql, child100mb, params("password", longSecret))))
                .containsExactly(new Violation("$.password", "must be at most 64 characters long (secret value)"));
    }

    @Test
    void childCreateNeedsTheCluster() {
        assertThat(violations(() -> validator.childCreate(mysql, database, Map.of())))
                .containsExactly(new Violation("$.cluster", "is required"));
        ValidatedParameters child = validator.childCreate(
                mysql, database, params("cluster", "my-cluster", "cluster-org", "team", "collation", "utf8mb4_bin"));
        assertThat(child.values())
                .containsExactly(
                        Map.entry("cluster", "my-cluster"),
                        Map.entry("cluster-org", "team"),
                        Map.entry("collation", "utf8mb4_bin"));
        assertThat(violations(() -> validator.childCreate(mysql, database, params("cluster", "c", "cluster-zone", 1))))
                .extracting(Violation::path)
                .containsExactly("$['cluster-zone']");
    }

    @Test
    void numbersAreNormalisedToBigDecimalAndRangeChecked(@TempDir Path temp) throws Exception {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        ObjectMapper json = new ObjectMapper();
        ObjectNode model = (ObjectNode) json.readTree(files.get("model.json"));
        ArrayNode create =
                (ArrayNode) model.path("offerings").get(0).path("parameters").path("cluster_create");
        ObjectNode ratio = create.get(1).deepCopy();
        ratio.put("name", "ratio").put("type", "number").put("default", 1.25).put("minimum", 0.5);
        ratio.put("maximum", 2);
        create.add(ratio);
        files.put("model.json", json.writeValueAsBytes(model));
        String schemaPath = "schemas/mysql-on-demand/cluster-small/service_instance.create.json";
        ObjectNode schema = (ObjectNode) json.readTree(files.get(schemaPath));
        ((ObjectNode) schema.path("properties"))
                .putObject("ratio")
                .put("type", "number")
                .put("minimum", 0.5)
                .put("maximum", 2);
        files.put(schemaPath, json.writeValueAsBytes(schema));
        TestBundles.redigest(files);
        LoadedBundle withNumber = BundleLoader.load(TestBundles.write(files, temp.resolve("bundle")));
        OfferingModel offering = withNumber.offerings().get(0);
        PlanModel plan = offering.planByName("cluster-small").orElseThrow();
        ParameterValidator numbers = new ParameterValidator(withNumber);

        assertThat(numbers.clusterCreate(offering, plan, Map.of()).values())
                .containsEntry("ratio", new BigDecimal("1.25"));
        assertThat(numbers.clusterCreate(offering, plan, params("ratio", 1.5)).values())
                .containsEntry("ratio", new BigDecimal("1.5"));
        assertThat(numbers.clusterCreate(offering, plan, params("ratio", 2)).values())
                .containsEntry("ratio", new BigDecimal("2"));
        assertThat(violations(() -> numbers.clusterCreate(offering, plan, params("ratio", 2.5, "audit_log", 1))))
                .containsExactly(
                        new Violation("$.audit_log", "must be true or false (got an integer)"),
                        new Violation("$.ratio", "must be at most 2 (got 2.5)"));
        assertThat(violations(() -> numbers.clusterCreate(offering, plan, params("ratio", "1.5"))))
                .containsExactly(new Violation("$.ratio", "must be a number (got a string)"));
    }
}

package io.dedicate.broker.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dedicate.broker.offering.TestBundles;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.ParameterScope;
import io.dedicate.bundle.model.ParameterType;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.model.WhenAbsent;
import io.dedicate.bundle.parameters.InvalidParametersException;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.parameters.ValidatedParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in {@code grants} cluster parameter of an offering that shares clusters (the MySQL offering), as the
 * compiler declares it in model.json and the validator checks and normalises it.
 */
class GrantsParameterTest {

    private static ParameterValidator validator;
    private static OfferingModel mysql;
    private static PlanModel small;

    @BeforeAll
    static void load() {
        LoadedBundle bundle = BundleLoader.load(TestBundles.mysqlBundle());
        validator = new ParameterValidator(bundle);
        mysql = bundle.offerings().get(0);
        small = mysql.planByName("cluster-small").orElseThrow();
    }

    @Test
    void everyClusterCreateAndUpdateTakesGrantsKeptWhenAbsentOnUpdate() {
        assertThat(mysql.parameters(ParameterScope.CLUSTER_CREATE))
                .filteredOn(p -> p.name().equals("grants"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.type()).isEqualTo(ParameterType.GRANTS);
                    assertThat(p.flags().builtIn()).isTrue();
                    assertThat(p.defaultValue()).isNull();
                });
        assertThat(mysql.parameters(ParameterScope.CLUSTER_UPDATE))
                .filteredOn(p -> p.name().equals("grants"))
                .singleElement()
                .satisfies(p -> assertThat(p.whenAbsent()).isEqualTo(WhenAbsent.KEEP));
        assertThat(mysql.parameters(ParameterScope.CHILD_CREATE))
                .noneMatch(p -> p.name().equals("grants"));
    }

    @Test
    void grantsAreNormalisedToListsOfOrgAndSpace() {
        ValidatedParameters created = validator.clusterCreate(
                mysql, small, Map.of("grants", List.of(Map.of("space", "dev"), Map.of("space", "b", "org", "a"))));
        assertThat(created.values().get("grants"))
                .isEqualTo(List.of(Map.of("space", "dev"), Map.of("org", "a", "space", "b")));
        assertThat(created.publicValues()).containsKey("grants");
        ValidatedParameters kept = validator.clusterUpdate(
                mysql, small, Map.of("max_connections", 200), Map.of("grants", List.of(Map.of("space", "dev"))));
        assertThat(kept.values().get("grants")).isEqualTo(List.of(Map.of("space", "dev")));
        assertThat(validator
                        .clusterUpdate(mysql, small, Map.of("grants", List.of()), Map.of())
                        .values())
                .containsEntry("grants", List.of());
    }

    @Test
    void malformedGrantsAreRefusedNamingTheParameter() {
        for (Object bad : List.of(
                "dev",
                List.of("dev"),
                List.of(Map.of("org", "a")),
                List.of(Map.of("space", "")),
                List.of(Map.of("space", "dev", "role", "admin")),
                List.of(Map.of("space", 7)))) {
            InvalidParametersException e = catchThrowableOfType(
                    InvalidParametersException.class,
                    () -> validator.clusterCreate(mysql, small, Map.of("grants", bad)));
            assertThat(e).as("grants %s", bad).isNotNull();
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.path()).isEqualTo("$.grants");
                assertThat(v.message()).startsWith("must be a list of grants");
            });
        }
    }
}

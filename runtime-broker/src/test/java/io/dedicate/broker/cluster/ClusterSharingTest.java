package io.dedicate.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceSettings;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.Placement;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.Sharing;
import io.dedicate.bundle.model.SharingScope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * Who may use a cluster from another space, per sharing scope and grant, and the seed's refusal: the rules of {@link
 * ClusterSharing}, on the MySQL offering with its {@code sharing} replaced.
 */
class ClusterSharingTest {

    private static OfferingModel mysql;

    private static final Placement OWN = new Placement("org-1", "space-1", "org-one", "space-one", null);
    private static final Placement SAME_ORG = new Placement("org-1", "space-2", "org-one", "space-two", null);
    private static final Placement OTHER_ORG = new Placement("org-9", "space-9", "org-nine", "space-nine", null);

    @BeforeAll
    static void load() {
        mysql = BundleLoader.load(TestBundles.mysqlBundle()).offerings().get(0);
    }

    @Test
    void theClustersOwnSpaceNeedsNoGrantWhateverTheScope() {
        for (String scope : List.of("none", "spaces", "orgs")) {
            assertThat(ClusterSharing.allows(sharing(scope, true), cluster("[]"), OWN))
                    .as(scope)
                    .isTrue();
        }
    }

    @Test
    void aGrantCoversItsSpaceByNameOrGuidAndItsOrgDefaultsToTheClusters() {
        OfferingModel orgs = sharing("orgs", true);
        assertThat(ClusterSharing.allows(orgs, cluster("[]"), SAME_ORG)).isFalse();
        assertThat(ClusterSharing.allows(orgs, cluster("[{\"space\":\"space-two\"}]"), SAME_ORG))
                .isTrue();
        assertThat(ClusterSharing.allows(orgs, cluster("[{\"space\":\"space-2\"}]"), SAME_ORG))
                .isTrue();
        assertThat(ClusterSharing.allows(orgs, cluster("[{\"space\":\"space-9\"}]"), OTHER_ORG))
                .as("no org: the cluster's own org only")
                .isFalse();
        assertThat(ClusterSharing.allows(orgs, cluster("[{\"org\":\"org-nine\",\"space\":\"space-9\"}]"), OTHER_ORG))
                .isTrue();
        assertThat(ClusterSharing.allows(orgs, cluster("[{\"org\":\"org-1\",\"space\":\"space-9\"}]"), OTHER_ORG))
                .isFalse();
    }

    @Test
    void theScopeBoundsEveryGrantAndWithoutRequiresGrantOpensTheScope() {
        String both = "[{\"space\":\"space-2\"},{\"org\":\"org-9\",\"space\":\"space-9\"}]";
        assertThat(ClusterSharing.allows(sharing("none", true), cluster(both), SAME_ORG))
                .isFalse();
        assertThat(ClusterSharing.allows(sharing("spaces", true), cluster(both), SAME_ORG))
                .isTrue();
        assertThat(ClusterSharing.allows(sharing("spaces", true), cluster(both), OTHER_ORG))
                .isFalse();
        assertThat(ClusterSharing.allows(sharing("spaces", false), cluster("[]"), SAME_ORG))
                .isTrue();
        assertThat(ClusterSharing.allows(sharing("spaces", false), cluster("[]"), OTHER_ORG))
                .isFalse();
        assertThat(ClusterSharing.allows(sharing("orgs", false), cluster("[]"), OTHER_ORG))
                .isTrue();
    }

    @Test
    void withSharingAcrossSpacesAGrantNamesOnlyTheClustersOrg() {
        OfferingModel spaces = sharing("spaces", true);
        List<Map<String, String>> grants = List.of(
                Map.of("space", "a"), Map.of("org", "org-one", "space", "b"), Map.of("org", "org-1", "space", "c"));
        assertThatCode(() -> ClusterSharing.checkScope(spaces, "org-1", "org-one", grants))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ClusterSharing.checkScope(
                        spaces,
                        "org-1",
                        "org-one",
                        List.of(Map.of("space", "a"), Map.of("org", "org-9", "space", "b"))))
                .isInstanceOf(ServiceBrokerInvalidParametersException.class)
                .hasMessageContaining("$.grants[1].org")
                .hasMessageContaining("org-9");
        assertThatCode(() -> ClusterSharing.checkScope(
                        sharing("orgs", true), "org-1", "org-one", List.of(Map.of("org", "org-9", "space", "b"))))
                .doesNotThrowAnyException();
    }

    @Test
    void theRefusalIsTheSeedsWithTheUserOrUnknown() {
        assertThat(ClusterSharing.denied("u-1", "c-1").getMessage())
                .isEqualTo("requesting user (userGuid=u-1) has not permission to access cluster service-instance"
                        + " guid=c-1");
        assertThat(ClusterSharing.denied(null, "c-1").getMessage()).contains("(userGuid=unknown)");
        assertThat(ClusterSharing.denied(null, "c-1").status()).isEqualTo(400);
    }

    static OfferingModel sharing(String scope, boolean requiresGrant) {
        return new OfferingModel(
                mysql.name(),
                mysql.id(),
                mysql.version(),
                mysql.maintenanceInfo(),
                mysql.plans(),
                mysql.parameters(),
                mysql.templates(),
                mysql.automation(),
                mysql.outputs(),
                new Sharing(SharingScope.valueOf(scope.toUpperCase(Locale.ROOT)), requiresGrant),
                mysql.limits());
    }

    static InstanceRecord cluster(String grantsJson) {
        Instant now = Instant.parse("2026-05-06T07:08:09Z");
        return InstanceRecord.newCluster(
                        "c-1",
                        mysql.id(),
                        new Placement(OWN.orgGuid(), OWN.spaceGuid(), OWN.orgName(), OWN.spaceName(), "my-cluster"),
                        new InstanceSettings("plan", "{\"grants\":" + grantsJson + "}", null, null),
                        "0".repeat(64),
                        "org-1/space-1/c-1",
                        now)
                .withProgress(new InstanceRecord.Progress(InstanceStatus.READY, null, now, now));
    }
}

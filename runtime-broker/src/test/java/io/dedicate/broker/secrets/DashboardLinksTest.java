package io.dedicate.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dedicate.broker.secrets.DashboardLinks.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DashboardLinksTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final String INSTANCE = "3f1c9b2e-cluster";

    final SecretBox box = SecretBox.fromBase64Key(SecretBoxTest.KEY);
    final DashboardLinks links = at(NOW, box);

    static DashboardLinks at(Instant now, SecretBox box) {
        return new DashboardLinks(box, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aLinkIsValidForItsInstanceUntilItExpires() {
        String query = links.query(INSTANCE);
        assertThat(query).startsWith("expires=" + NOW.plus(Duration.ofDays(30)).getEpochSecond() + "&sig=");
        assertThat(check(links, INSTANCE, query)).isEqualTo(Verdict.VALID);
        assertThat(check(at(NOW.plus(Duration.ofDays(30)), box), INSTANCE, query))
                .isEqualTo(Verdict.VALID);
        assertThat(check(at(NOW.plus(Duration.ofDays(30)).plusSeconds(1), box), INSTANCE, query))
                .isEqualTo(Verdict.EXPIRED);
        assertThat(check(links, "other-instance", query)).isEqualTo(Verdict.FORGED);
    }

    @Test
    void anAlteredOrForeignLinkIsForged() {
        String query = links.query(INSTANCE);
        String expires = query.substring("expires=".length(), query.indexOf('&'));
        String sig = query.substring(query.indexOf("&sig=") + 5);
        assertThat(links.check(INSTANCE, String.valueOf(Long.parseLong(expires) + 1), sig))
                .isEqualTo(Verdict.FORGED);
        assertThat(links.check(INSTANCE, expires, sig.substring(1))).isEqualTo(Verdict.FORGED);
        assertThat(links.check(INSTANCE, expires, sig + "AA")).isEqualTo(Verdict.FORGED);
        assertThat(links.check(INSTANCE, expires, "not base64!")).isEqualTo(Verdict.FORGED);
        assertThat(links.check(INSTANCE, "-1", sig)).isEqualTo(Verdict.FORGED);
        assertThat(links.check(INSTANCE, "9".repeat(40), sig)).isEqualTo(Verdict.FORGED);
        assertThat(links.check(INSTANCE, expires, null)).isEqualTo(Verdict.FORGED);
        assertThat(links.check(INSTANCE, null, sig)).isEqualTo(Verdict.FORGED);
        assertThat(links.check(INSTANCE, null, null)).isEqualTo(Verdict.ABSENT);
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 7);
        DashboardLinks foreign =
                at(NOW, SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(otherKey)));
        assertThat(check(links, INSTANCE, foreign.query(INSTANCE))).isEqualTo(Verdict.FORGED);
    }

    @Test
    void theSigningKeyIsDerivedNotTheSealingKey() {
        assertThat(box.derivedKey("dashboard-links"))
                .hasSize(32)
                .isNotEqualTo(box.derivedKey("other"))
                .isNotEqualTo(Base64.getDecoder().decode(SecretBoxTest.KEY));
        assertThat(links.toString()).doesNotContain(SecretBoxTest.KEY);
        assertThatThrownBy(() -> new DashboardLinks(box, Duration.ZERO, Clock.systemUTC()))
                .hasMessageContaining("dedicate.dashboard.link-validity");
    }

    /** Checks a query string {@code expires=E&sig=S} as the dashboard does with its two parameters. */
    static Verdict check(DashboardLinks links, String instance, String query) {
        int and = query.indexOf("&sig=");
        return links.check(instance, query.substring("expires=".length(), and), query.substring(and + 5));
    }
}

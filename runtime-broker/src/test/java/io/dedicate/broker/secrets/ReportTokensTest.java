package io.dedicate.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReportTokensTest {

    @Test
    void tokensAre32RandomBytesInBase64UrlWithoutPadding() {
        String token = ReportTokens.newToken();

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(ReportTokens.newToken()).isNotEqualTo(token);
    }

    @Test
    void theHashIsSha256HexAndMatchesOnlyItsToken() {
        String token = ReportTokens.newToken();
        String hash = ReportTokens.hash(token);

        assertThat(hash).hasSize(64).matches("[0-9a-f]+").doesNotContain(token);
        assertThat(ReportTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ReportTokens.matches(token, hash)).isTrue();
        assertThat(ReportTokens.matches(ReportTokens.newToken(), hash)).isFalse();
        assertThat(ReportTokens.matches(token, hash.substring(1))).isFalse();
        assertThat(ReportTokens.matches(token, "")).isFalse();
    }
}

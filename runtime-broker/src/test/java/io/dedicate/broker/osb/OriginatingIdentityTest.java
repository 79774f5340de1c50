package io.dedicate.broker.osb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.servicebroker.controller.BaseController;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidOriginatingIdentityException;
import org.springframework.cloud.servicebroker.model.CloudFoundryContext;
import org.springframework.cloud.servicebroker.model.Context;
import org.springframework.cloud.servicebroker.model.KubernetesContext;
import org.springframework.cloud.servicebroker.model.PlatformContext;
import org.springframework.cloud.servicebroker.model.catalog.Catalog;
import org.springframework.cloud.servicebroker.model.catalog.ServiceDefinition;
import org.springframework.cloud.servicebroker.service.CatalogService;
import reactor.core.publisher.Mono;

class OriginatingIdentityTest {

    /** The framework's own reading of the header, which {@link OriginatingIdentity} must match. */
    private static final class Framework extends BaseController {
        Framework() {
            super(new NoCatalog());
        }

        @Nullable
        Context read(@Nullable String header) {
            return parseOriginatingIdentity(header);
        }
    }

    /** No services: the header is read before any catalog lookup. */
    private static final class NoCatalog implements CatalogService {
        @Override
        public Mono<Catalog> getCatalog() {
            return Mono.empty();
        }

        @Override
        public Mono<ServiceDefinition> getServiceDefinition(String serviceId) {
            return Mono.empty();
        }
    }

    private static String header(String platform, String json) {
        return platform + " " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEachPlatformAsTheFrameworkDoes() {
        Framework framework = new Framework();
        List<String> headers = List.of(
                header("cloudfoundry", "{\"user_id\":\"683ea748-3092-4ff4-b656-39cacc4d5360\"}"),
                header("kubernetes", "{\"username\":\"duke\",\"uid\":\"c2dde242\",\"groups\":[\"admin\",\"dev\"]}"),
                header("other-platform", "{\"user\":{\"name\":\"x\",\"n\":1}}"));
        for (String header : headers) {
            Context ours = OriginatingIdentity.parse(header);
            assertThat(ours).isEqualTo(framework.read(header));
            assertThat(ours).isNotNull();
        }
        assertThat(OriginatingIdentity.parse(headers.get(0))).isInstanceOf(CloudFoundryContext.class);
        assertThat(OriginatingIdentity.parse(headers.get(1))).isInstanceOf(KubernetesContext.class);
        Context other = OriginatingIdentity.parse(headers.get(2));
        assertThat(other).isInstanceOf(PlatformContext.class);
        assertThat(other == null ? null : other.getPlatform()).isEqualTo("other-platform");
        assertThat(OriginatingIdentity.parse(null)).isNull();
    }

    @Test
    void refusesMalformedHeadersWithTheFrameworksMessages() {
        Framework framework = new Framework();
        List<String> malformed = List.of(
                "cloudfoundry",
                "cloudfoundry not-base64!",
                header("cloudfoundry", "{not json"),
                header("cloudfoundry", "[1, 2]"));
        for (String header : malformed) {
            Throwable expected = catchThrowable(() -> framework.read(header));
            assertThat(expected).isInstanceOf(ServiceBrokerInvalidOriginatingIdentityException.class);
            assertThatThrownBy(() -> OriginatingIdentity.parse(header))
                    .isInstanceOf(ServiceBrokerInvalidOriginatingIdentityException.class)
                    .hasMessage(expected.getMessage());
        }
    }

    @Test
    void writesAnIdentityBackAsAHeaderThatReadsTheSame() {
        List<String> headers = List.of(
                header("cloudfoundry", "{\"user_id\":\"683ea748-3092-4ff4-b656-39cacc4d5360\"}"),
                header("kubernetes", "{\"username\":\"duke\",\"uid\":\"c2dde242\",\"groups\":[\"admin\",\"dev\"]}"),
                header("other-platform", "{\"user\":{\"name\":\"x\",\"n\":1}}"));
        for (String header : headers) {
            Context identity = OriginatingIdentity.parse(header);
            assertThat(OriginatingIdentity.parse(OriginatingIdentity.header(identity)))
                    .isEqualTo(identity);
        }
        assertThat(OriginatingIdentity.header(OriginatingIdentity.parse(headers.get(0))))
                .as("Cloud Foundry's header, byte for byte")
                .isEqualTo(headers.get(0));
        assertThat(OriginatingIdentity.header(null)).isNull();
    }
}

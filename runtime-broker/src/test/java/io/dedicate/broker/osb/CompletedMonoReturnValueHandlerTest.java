package io.dedicate.broker.osb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.StandardServletAsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitterReturnValueHandler;
import reactor.core.publisher.Mono;

class CompletedMonoReturnValueHandlerTest {

    /** A controller method's shape: what the framework's OSB controllers return. */
    @SuppressWarnings("unused")
    private static Mono<ResponseEntity<Map<String, Object>>> answer() {
        return Mono.empty();
    }

    private final MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/v2/service_instances/x");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final ServletWebRequest webRequest = new ServletWebRequest(request, response);
    private final CompletedMonoReturnValueHandler handler;
    private final MethodParameter returnType;

    CompletedMonoReturnValueHandlerTest() throws NoSuchMethodException {
        List<HttpMessageConverter<?>> converters = List.of(new MappingJackson2HttpMessageConverter());
        List<HandlerMethodReturnValueHandler> spring = List.of(
                new ResponseBodyEmitterReturnValueHandler(
                        converters,
                        ReactiveAdapterRegistry.getSharedInstance(),
                        new SyncTaskExecutor(),
                        new ContentNegotiationManager()),
                new HttpEntityMethodProcessor(converters));
        handler = new CompletedMonoReturnValueHandler(spring);
        returnType = new MethodParameter(CompletedMonoReturnValueHandlerTest.class.getDeclaredMethod("answer"), -1);
        request.setAsyncSupported(true);
        WebAsyncUtils.getAsyncManager(request)
                .setAsyncWebRequest(new StandardServletAsyncWebRequest(request, response));
    }

    @Test
    void writesACompletedAnswerAtOnceWithoutGoingAsynchronous() throws Exception {
        assertThat(handler.supportsReturnType(returnType)).isTrue();
        handler.handleReturnValue(
                Mono.fromCallable(() -> ResponseEntity.status(201).body(Map.<String, Object>of("dashboard_url", "u"))),
                returnType,
                new ModelAndViewContainer(),
                webRequest);

        assertThat(request.isAsyncStarted()).isFalse();
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getContentAsString()).isEqualTo("{\"dashboard_url\":\"u\"}");
    }

    @Test
    void throwsAFailedAnswersOwnExceptionForTheExceptionHandlers() {
        IllegalStateException failure = new IllegalStateException("cluster is being deleted");

        assertThatThrownBy(() -> handler.handleReturnValue(
                        Mono.error(failure), returnType, new ModelAndViewContainer(), webRequest))
                .isSameAs(failure);
        assertThat(request.isAsyncStarted()).isFalse();
    }

    @Test
    void handsAnAnswerStillUnderWayToSpringsAsynchronousHandling() throws Exception {
        handler.handleReturnValue(
                Mono.delay(Duration.ofSeconds(30)).map(tick -> ResponseEntity.ok(Map.of())),
                returnType,
                new ModelAndViewContainer(),
                webRequest);

        assertThat(request.isAsyncStarted()).isTrue();
        assertThat(response.getContentAsString()).isEmpty();
    }
}

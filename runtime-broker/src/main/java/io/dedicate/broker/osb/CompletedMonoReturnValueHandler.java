package io.dedicate.broker.osb;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import reactor.core.publisher.Mono;

/**
 * Writes the answer of a controller method returning a {@link Mono} on the request's own thread when the {@code Mono}
 * has already completed once subscribed, which is the case for every OSB call of this broker: its services are {@code
 * Mono.fromCallable} and do their work while subscribed. Spring MVC would otherwise treat every {@code Mono} as
 * asynchronous (start an async request, dispatch it again through the filters and the {@code DispatcherServlet}, and
 * only then write the answer), which the child benchmark measured at about a tenth of a child provision + bind.
 *
 * <p>The answer is the same: the value goes to the handler that would have written it after the async dispatch (the
 * {@code ResponseEntity} one, with the {@code Mono}'s value type), and an error is thrown as the handler's own, so
 * that the same exception handlers turn it into the same OSB error body. A {@code Mono} that has not completed yet is
 * handed on, already subscribed, to Spring's own asynchronous handling: it is never subscribed twice.
 */
public final class CompletedMonoReturnValueHandler implements HandlerMethodReturnValueHandler {

    private final HandlerMethodReturnValueHandlerComposite handlers;

    /** The value type of each controller method's {@code Mono}, worked out once (Spring's type resolution is not free). */
    private final Map<MethodParameter, ValueParameter> valueTypes = new ConcurrentHashMap<>();

    /** A handler in front of {@code handlers} (Spring MVC's own), which write what it does not. */
    public CompletedMonoReturnValueHandler(List<HandlerMethodReturnValueHandler> handlers) {
        this.handlers = new HandlerMethodReturnValueHandlerComposite().addHandlers(List.copyOf(handlers));
    }

    /** Puts a handler of completed {@code Mono}s in front of {@code adapter}'s return value handlers. */
    public static void install(RequestMappingHandlerAdapter adapter) {
        List<HandlerMethodReturnValueHandler> current =
                List.copyOf(Objects.requireNonNull(adapter.getReturnValueHandlers(), "return value handlers"));
        List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(current.size() + 1);
        handlers.add(new CompletedMonoReturnValueHandler(current));
        handlers.addAll(current);
        adapter.setReturnValueHandlers(handlers);
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return Mono.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public void handleReturnValue(
            @Nullable Object returnValue,
            MethodParameter returnType,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest)
            throws Exception {
        if (!(returnValue instanceof Mono<?> mono)) {
            handlers.handleReturnValue(returnValue, returnType, mavContainer, webRequest);
            return;
        }
        CompletableFuture<?> answer = mono.toFuture();
        if (!answer.isDone()) {
            handlers.handleReturnValue(Mono.fromFuture(answer), returnType, mavContainer, webRequest);
            return;
        }
        Object value;
        try {
            value = answer.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
        handlers.handleReturnValue(
                value, valueTypes.computeIfAbsent(returnType, ValueParameter::new), mavContainer, webRequest);
    }

    /** The controller method's return type seen as the type of its {@code Mono}'s value. */
    private static final class ValueParameter extends MethodParameter {

        private final ResolvableType valueType;

        ValueParameter(MethodParameter monoType) {
            super(monoType);
            this.valueType = ResolvableType.forMethodParameter(monoType).getGeneric();
        }

        private ValueParameter(ValueParameter original) {
            super(original);
            this.valueType = original.valueType;
        }

        @Override
        public Class<?> getParameterType() {
            Class<?> resolved = valueType.resolve();
            return resolved == null ? Object.class : resolved;
        }

        @Override
        public Type getGenericParameterType() {
            return valueType.getType();
        }

        @Override
        public ValueParameter clone() {
            return new ValueParameter(this);
        }
    }
}

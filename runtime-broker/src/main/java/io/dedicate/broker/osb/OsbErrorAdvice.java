package io.dedicate.broker.osb;

import io.dedicate.broker.refusal.InstanceGone;
import io.dedicate.broker.refusal.InstanceNotFound;
import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.bundle.UnsafeValueException;
import io.dedicate.bundle.parameters.InvalidParametersException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerAsyncRequiredException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidOriginatingIdentityException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerMaintenanceInfoConflictException;
import org.springframework.cloud.servicebroker.exception.ServiceDefinitionDoesNotExistException;
import org.springframework.cloud.servicebroker.exception.ServiceDefinitionPlanDoesNotExistException;
import org.springframework.cloud.servicebroker.exception.ServiceInstanceBindingDoesNotExistException;
import org.springframework.cloud.servicebroker.exception.ServiceInstanceDoesNotExistException;
import org.springframework.cloud.servicebroker.exception.ServiceInstanceExistsException;
import org.springframework.cloud.servicebroker.exception.ServiceInstanceUpdateNotSupportedException;
import org.springframework.cloud.servicebroker.model.error.ErrorMessage;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps errors, the framework's exception types and ours, to the statuses and bodies (the framework's {@link
 * ErrorMessage}) the OSB specification (2.17) names. It is the broker's only error handler: the framework's {@code
 * ServiceBrokerWebMvcExceptionHandler} is not declared (see {@code OsbWebConfiguration}), as it predates some of these
 * statuses (it answers 422 for an unknown instance or binding, an update not supported and a malformed originating
 * identity, where OSB 2.17 names 404 and 400) and repeats any exception's message. The HTTP tests ({@code BadInputTest},
 * {@code ClusterLifeTest}, ...) check these statuses and bodies. Every body is {@code {"error"?, "description"}}; no
 * stack trace or Java class name ever reaches the platform. Unexpected failures are logged with an incident ID that
 * the body repeats.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OsbErrorAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(OsbErrorAdvice.class);

    @ExceptionHandler({
        ServiceBrokerInvalidParametersException.class,
        ServiceDefinitionDoesNotExistException.class,
        ServiceDefinitionPlanDoesNotExistException.class,
        ServiceInstanceUpdateNotSupportedException.class
    })
    ResponseEntity<ErrorMessage> badRequest(ServiceBrokerException e) {
        return body(HttpStatus.BAD_REQUEST, null, e.getMessage());
    }

    @ExceptionHandler(InvalidParametersException.class)
    ResponseEntity<ErrorMessage> invalidParameters(InvalidParametersException e) {
        return body(HttpStatus.BAD_REQUEST, null, e.getMessage());
    }

    @ExceptionHandler(UnsafeValueException.class)
    ResponseEntity<ErrorMessage> unsafeValue(UnsafeValueException e) {
        return body(HttpStatus.BAD_REQUEST, null, e.getMessage());
    }

    @ExceptionHandler(ServiceInstanceExistsException.class)
    ResponseEntity<ErrorMessage> conflict(ServiceInstanceExistsException e) {
        return body(HttpStatus.CONFLICT, null, e.getMessage());
    }

    @ExceptionHandler(ServiceInstanceDoesNotExistException.class)
    ResponseEntity<ErrorMessage> notFound(ServiceInstanceDoesNotExistException e) {
        return body(HttpStatus.NOT_FOUND, null, e.getMessage());
    }

    @ExceptionHandler(OsbRefusal.class)
    ResponseEntity<ErrorMessage> refusal(OsbRefusal e) {
        return body(HttpStatus.valueOf(e.status()), e.error(), e.getMessage());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorMessage> noEndpoint(Exception e) {
        return body(HttpStatus.NOT_FOUND, null, "no such endpoint in this broker: see the OSB API 2.17");
    }

    @ExceptionHandler(ServiceInstanceBindingDoesNotExistException.class)
    ResponseEntity<ErrorMessage> bindingNotFound(ServiceInstanceBindingDoesNotExistException e) {
        return body(HttpStatus.NOT_FOUND, null, e.getMessage());
    }

    @ExceptionHandler(InstanceNotFound.class)
    ResponseEntity<ErrorMessage> instanceNotFound(InstanceNotFound e) {
        return body(HttpStatus.NOT_FOUND, null, e.getMessage());
    }

    @ExceptionHandler(InstanceGone.class)
    ResponseEntity<ErrorMessage> gone(InstanceGone e) {
        return body(HttpStatus.GONE, null, e.getMessage());
    }

    @ExceptionHandler(ServiceBrokerAsyncRequiredException.class)
    ResponseEntity<ErrorMessage> asyncRequired(ServiceBrokerAsyncRequiredException e) {
        return body(HttpStatus.UNPROCESSABLE_ENTITY, "AsyncRequired", e.getMessage());
    }

    @ExceptionHandler(ServiceBrokerConcurrencyException.class)
    ResponseEntity<ErrorMessage> concurrency(ServiceBrokerConcurrencyException e) {
        return body(HttpStatus.UNPROCESSABLE_ENTITY, "ConcurrencyError", e.getMessage());
    }

    @ExceptionHandler(ServiceBrokerMaintenanceInfoConflictException.class)
    ResponseEntity<ErrorMessage> maintenanceInfo(ServiceBrokerMaintenanceInfoConflictException e) {
        return body(HttpStatus.UNPROCESSABLE_ENTITY, "MaintenanceInfoConflict", e.getMessage());
    }

    @ExceptionHandler(ServiceBrokerInvalidOriginatingIdentityException.class)
    ResponseEntity<ErrorMessage> originatingIdentity(ServiceBrokerInvalidOriginatingIdentityException e) {
        return body(HttpStatus.BAD_REQUEST, null, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorMessage> unreadable(HttpMessageNotReadableException e) {
        return body(
                HttpStatus.BAD_REQUEST,
                null,
                "the request body is not valid JSON for this request: " + JsonProblems.describe(e));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorMessage> missingFields(MethodArgumentNotValidException e) {
        StringBuilder fields = new StringBuilder();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            fields.append(fields.isEmpty() ? "" : ", ").append(JsonProblems.snakeCase(error.getField()));
        }
        return body(HttpStatus.BAD_REQUEST, null, "the request body lacks required fields: " + fields);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorMessage> missingQueryParameter(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, null, "the query parameter `" + e.getParameterName() + "` is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorMessage> typeMismatch(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, null, "the parameter `" + e.getName() + "` has a wrong value");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorMessage> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "send the request body as application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorMessage> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, null, "method " + e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(ServiceBrokerException.class)
    ResponseEntity<ErrorMessage> broker(ServiceBrokerException e) {
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorMessage> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("incident {}: {}", incident, e.getMessage(), e);
        return body(
                HttpStatus.INTERNAL_SERVER_ERROR,
                null,
                "the broker failed to handle this request (incident " + incident + " in the broker's log)");
    }

    private static ResponseEntity<ErrorMessage> body(
            HttpStatus status,
            @org.jspecify.annotations.Nullable String error,
            @org.jspecify.annotations.Nullable String description) {
        return ResponseEntity.status(status)
                .body(new ErrorMessage(error, description == null ? status.getReasonPhrase() : description));
    }
}

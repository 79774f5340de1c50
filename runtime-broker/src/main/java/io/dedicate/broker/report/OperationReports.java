package io.dedicate.broker.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.cluster.OperationCommitter;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationState;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.OutputModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Takes a pipeline's report of how an operation ended, once its signature has been checked
 * ({@link ReportController}); the operation must still be in progress; the body must be
 * {@code {"state": "succeeded"|"failed", "description": "...", "outputs": {...}}} with outputs the
 * offering declares. Anything else is refused and changes nothing. Secret outputs are sealed
 * (AES-GCM) before they are stored.
 */
public final class OperationReports {

    private static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_OUTPUT = 16 * 1024;

    private final LoadedBundle bundle;
    private final InstanceStore instances;
    private final OperationStore operations;
    private final SecretBox secrets;
    private final OperationCommitter committer;

    public OperationReports(
            LoadedBundle bundle,
            InstanceStore instances,
            OperationStore operations,
            SecretBox secrets,
            OperationCommitter committer) {
        this.bundle = bundle;
        this.instances = instances;
        this.operations = operations;
        this.secrets = secrets;
        this.committer = committer;
    }

    /** Why a report was refused; {@code status} is the HTTP status to answer. */
    public static final class RefusedReport extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        RefusedReport(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Outputs as the state store keeps them: the visible ones as JSON, the secret ones sealed. */
    private record Outputs(
            @Nullable String visibleJson, @Nullable String sealedSecrets) {}

    /**
     * Accepts a report whose signature the caller has checked, or throws {@link RefusedReport}: 404
     * unknown operation, then 409 operation already ended, then 400 bad body.
     */
    public OperationState accept(String operationId, @Nullable String text) {
        OperationRecord operation = operations
                .findOperation(operationId)
                .orElseThrow(() -> new RefusedReport(404, "operation " + operationId + " does not exist"));
        if (operation.state() != OperationState.IN_PROGRESS) {
            throw new RefusedReport(
                    409,
                    "operation " + operationId + " already ended: "
                            + operation.state().wire());
        }
        InstanceRecord instance = instances
                .findInstance(operation.instanceId())
                .orElseThrow(() -> new RefusedReport(404, "the instance of operation " + operationId + " is gone"));
        OfferingModel offering = bundle.offering(instance.serviceId())
                .orElseThrow(() -> new RefusedReport(
                        409,
                        "service " + instance.serviceId() + " of this operation is no longer in the broker's bundle"));
        JsonNode body = parse(text);
        OperationState outcome = outcome(body.get("state"));
        String description = description(body.get("description"), operation, outcome);
        Outputs outputs = outputs(body.get("outputs"), offering, instance);
        boolean ended = operations.finishOperation(
                operationId, outcome, description, outputs.visibleJson(), outputs.sealedSecrets());
        if (!ended) {
            throw new RefusedReport(409, "operation " + operationId + " already ended");
        }
        if (operation.kind() == OperationKind.DELETE && outcome == OperationState.SUCCEEDED) {
            instances
                    .findInstance(instance.id())
                    .filter(i -> i.status() == InstanceStatus.DELETED)
                    .ifPresent(deleted -> committer.removeFolder(deleted.id(), deleted.gitPath(), operationId));
        }
        return outcome;
    }

    private static JsonNode parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new RefusedReport(400, "the report is empty: send {state, description, outputs}");
        }
        JsonNode body;
        try {
            body = ReportJson.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RefusedReport(
                    400,
                    "the report is not valid JSON: line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        }
        if (!body.isObject()) {
            throw new RefusedReport(400, "the report must be a JSON object {state, description, outputs}");
        }
        return body;
    }

    private static OperationState outcome(@Nullable JsonNode state) {
        if (state == null || !state.isTextual()) {
            throw new RefusedReport(400, "`state` is required: \"succeeded\" or \"failed\"");
        }
        return switch (state.asText()) {
            case "succeeded" -> OperationState.SUCCEEDED;
            case "failed" -> OperationState.FAILED;
            default -> throw new RefusedReport(400, "`state` must be \"succeeded\" or \"failed\"");
        };
    }

    private static String description(
            @Nullable JsonNode description, OperationRecord operation, OperationState outcome) {
        if (description == null || description.isNull()) {
            return operation.kind().wire() + " " + outcome.wire();
        }
        if (!description.isTextual()) {
            throw new RefusedReport(400, "`description` must be a string");
        }
        String text = description.asText().replaceAll("\\p{Cntrl}", " ").strip();
        return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) + "..." : text;
    }

    private Outputs outputs(@Nullable JsonNode outputs, OfferingModel offering, InstanceRecord instance) {
        if (outputs == null || outputs.isNull()) {
            return new Outputs(null, null);
        }
        if (!outputs.isObject()) {
            throw new RefusedReport(400, "`outputs` must be an object of output name to value");
        }
        Map<String, Object> visible = new TreeMap<>();
        Map<String, Object> secret = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : outputs.properties()) {
            Optional<OutputModel> declared = offering.output(field.getKey());
            if (declared.isEmpty()) {
                throw new RefusedReport(
                        400,
                        "output `" + field.getKey() + "` is not declared by offering "
                                + offering.name() + " (declared: "
                                + String.join(
                                        ", ",
                                        offering.outputs().stream()
                                                .map(OutputModel::name)
                                                .toList()) + ")");
            }
            Object value = scalar(field.getKey(), field.getValue());
            (declared.get().secret() ? secret : visible).put(field.getKey(), value);
        }
        String sealed = null;
        if (!secret.isEmpty()) {
            Map<String, Object> all = new LinkedHashMap<>();
            String context = outputsContext(instance.id());
            if (instance.sealedSecretOutputs() != null) {
                all.putAll(ReportJson.readMap(secrets.open(instance.sealedSecretOutputs(), context)));
            }
            all.putAll(secret);
            sealed = secrets.seal(ReportJson.write(all), context);
        }
        return new Outputs(visible.isEmpty() ? null : ReportJson.write(visible), sealed);
    }

    /** The AES-GCM associated data of an instance's secret outputs. */
    public static String outputsContext(String instanceId) {
        return "instance:" + instanceId + ":outputs";
    }

    private static Object scalar(String name, JsonNode value) {
        if (value.isTextual()) {
            if (value.asText().length() > MAX_OUTPUT) {
                throw new RefusedReport(400, "output `" + name + "` is longer than " + MAX_OUTPUT + " characters");
            }
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw new RefusedReport(400, "output `" + name + "` must be a string, a number or a boolean");
    }
}

package io.dedicate.bundle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader refuses anything but format 1 exactly, naming the field by its JSON path. */
class ModelReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHERE = "bundle b: model.json";

    private static byte[] mysql;

    @BeforeAll
    static void load() throws IOException {
        String root = System.getProperty("dedicate.repo.root");
        Path golden =
                (root != null ? Path.of(root) : Path.of("..")).resolve("golden/mysql-on-demand/expected/model.json");
        mysql = Files.readAllBytes(golden);
    }

    /** The message of reading the MySQL golden model after {@code edit}. */
    private static String refusal(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode model = (ObjectNode) JSON.readTree(mysql);
        edit.accept(model);
        byte[] edited = JSON.writeValueAsBytes(model);
        return String.valueOf(assertThrows(ModelFormatException.class, () -> ModelReader.read(WHERE, edited))
                .getMessage());
    }

    private static ObjectNode offering(ObjectNode model) {
        return (ObjectNode) model.path("offerings").get(0);
    }

    private static ObjectNode plan(ObjectNode model, int index) {
        return (ObjectNode) offering(model).path("plans").get(index);
    }

    private static ObjectNode parameter(ObjectNode model, String scope, int index) {
        return (ObjectNode) offering(model).path("parameters").path(scope).get(index);
    }

    @Test
    void readsTheGoldenModel() {
        BundleModel model = ModelReader.read(WHERE, mysql);
        OfferingModel offering = model.offerings().get(0);
        PlanModel hundred = offering.planByName("100mb").orElseThrow();
        Driver driver = Objects.requireNonNull(hundred.driver());
        assertEquals(DriverKind.MYSQL, driver.name());
        assertEquals(104857600L, driver.settings().bytes(DriverSetting.QUOTA).orElseThrow());
        ParameterModel pool = offering.parameters(ParameterScope.CLUSTER_CREATE).get(0);
        assertEquals("1GB", pool.writtenDefault());
        assertEquals(1073741824L, pool.defaultValue());
        assertEquals(SharingScope.ORGS, offering.sharing().scope());
        assertEquals(
                new Trigger(Trigger.When.AFTER, ClusterOperation.UPDATE),
                offering.automation().errands().get(0).triggers().get(1));
        assertTrue(offering.parameters(ParameterScope.CLUSTER_UPDATE).stream()
                .anyMatch(p -> p.name().equals(BuiltInParameter.RECREATE.parameterName())
                        && p.flags().builtIn()));
    }

    @Test
    void refusesAnotherFormat() throws IOException {
        assertEquals(
                WHERE + ": format: this broker reads model.json format 1, the bundle has format 2; compile the"
                        + " offerings with a compiler that matches this broker",
                refusal(model -> model.put("format", 2)));
    }

    @Test
    void refusesAnUnknownField() throws IOException {
        assertEquals(
                WHERE + ": unknown field `offerings[0].plans[2].colour` (not part of model.json format 1; is the"
                        + " bundle from a newer compiler?)",
                refusal(model -> plan(model, 2).put("colour", "blue")));
        assertTrue(refusal(model -> ((ObjectNode) model.path("template_variables")
                                .path("credentials")
                                .get(0))
                        .put("secret", true))
                .startsWith(WHERE + ": unknown field `template_variables.credentials[0].secret`"));
        assertTrue(refusal(model -> plan(model, 0).set("driver", plan(model, 3).path("driver")))
                .startsWith(WHERE + ": unknown field `offerings[0].plans[0].driver`"));
    }

    @Test
    void refusesAMissingField() throws IOException {
        assertEquals(
                WHERE + ": missing field `offerings[0].plans[2].kind`",
                refusal(model -> plan(model, 2).remove("kind")));
        assertEquals(
                WHERE + ": missing field `offerings[0].releases`",
                refusal(model -> offering(model).remove("releases")));
        assertEquals(
                WHERE + ": missing field `offerings[0].parameters.binding_create[1].enum`",
                refusal(model -> parameter(model, "binding_create", 1).remove("enum")));
    }

    @Test
    void refusesAValueOfTheWrongType() throws IOException {
        assertEquals(
                WHERE + ": offerings[0].plans[2].kind: must be one of \"cluster\", \"child\" (got \"x\")",
                refusal(model -> plan(model, 2).put("kind", "x")));
        assertEquals(
                WHERE + ": offerings[0].plans[0].max_polling_seconds: must be an integer (got a string)",
                refusal(model -> plan(model, 0).put("max_polling_seconds", "1h")));
        assertEquals(
                WHERE + ": offerings[0].plans[0].sizing.azs[1]: must be a string (got a number)",
                refusal(model -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                                plan(model, 0).path("sizing").path("azs"))
                        .set(1, 7)));
        assertEquals(
                WHERE + ": offerings[0].sharing.scope: must be one of \"none\", \"spaces\", \"orgs\" (got \"all\")",
                refusal(model -> ((ObjectNode) offering(model).path("sharing")).put("scope", "all")));
        assertEquals(
                WHERE + ": offerings[0].errands[0].triggers[1]: must be a trigger such as \"after deploy\" or \"before"
                        + " delete\" (got \"during recreate\")",
                refusal(model -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                                offering(model).path("errands").get(0).path("triggers"))
                        .set(1, "during recreate")));
        assertEquals(
                WHERE + ": must hold a JSON object (got an array)",
                assertThrows(
                                ModelFormatException.class,
                                () -> ModelReader.read(WHERE, "[]".getBytes(StandardCharsets.UTF_8)))
                        .getMessage());
    }

    @Test
    void refusesDefaultsThatDoNotFitTheType() throws IOException {
        assertEquals(
                WHERE + ": offerings[0].parameters.cluster_create[0].default: must be a byte size such as \"1GB\""
                        + " (got \"lots\")",
                refusal(model -> parameter(model, "cluster_create", 0).put("default", "lots")));
        assertEquals(
                WHERE + ": offerings[0].parameters.cluster_create[2].default: must be a duration such as \"10s\""
                        + " (got \"10GB\")",
                refusal(model -> parameter(model, "cluster_create", 2).put("default", "10GB")));
        assertEquals(
                WHERE + ": offerings[0].parameters.cluster_create[1].default: must be a default of type integer"
                        + " (got a string)",
                refusal(model -> parameter(model, "cluster_create", 1).put("default", "1500")));
    }

    @Test
    void refusesDriversAndSettingsOutsideTheContract() throws IOException {
        assertEquals(
                WHERE + ": offerings[0].plans[3].driver.name: must be one of \"delegate\", \"mysql\" (got \"redis\")",
                refusal(model -> ((ObjectNode) plan(model, 3).path("driver")).put("name", "redis")));
        assertEquals(
                WHERE + ": offerings[0].plans[3].driver.settings.plan: is not a setting of driver mysql (it takes"
                        + " quota, charset, collation)",
                refusal(model -> ((ObjectNode) plan(model, 3).path("driver").path("settings")).put("plan", "x")));
        assertEquals(
                WHERE + ": offerings[0].plans[3].driver.settings.quota: must be an integer (got a string)",
                refusal(model -> ((ObjectNode) plan(model, 3).path("driver").path("settings")).put("quota", "1GB")));
        assertEquals(WHERE + ": missing field `offerings[0].plans[2].driver.settings.plan`", refusal(model -> {
            ObjectNode driver = (ObjectNode) plan(model, 2).path("driver");
            driver.put("name", "delegate");
            driver.putObject("settings").put("service", "p-mysql");
        }));
    }

    @Test
    void refusesWhatIsNotJson() {
        String message = String.valueOf(assertThrows(
                        ModelFormatException.class,
                        () -> ModelReader.read(WHERE, "{\"format\": ".getBytes(StandardCharsets.UTF_8)))
                .getMessage());
        assertTrue(message.startsWith(WHERE + ": is not valid JSON: "), message);
        assertEquals(
                WHERE + ": is empty (expected JSON)",
                assertThrows(ModelFormatException.class, () -> ModelReader.read(WHERE, new byte[0]))
                        .getMessage());
    }

    @Test
    void readsNumbersExactly() {
        String text = new String(mysql, StandardCharsets.UTF_8)
                .replace("\"minimum\": 134217728", "\"minimum\": 0.00000010")
                .replace("\"maximum\": 68719476736", "\"maximum\": 123456789012345678901234567890");
        BundleModel read = ModelReader.read(WHERE, text.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, new String(ModelWriter.write(read), StandardCharsets.UTF_8));
    }
}

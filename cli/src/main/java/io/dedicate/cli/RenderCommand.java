package io.dedicate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.bundle.TemplateRenderException;
import io.dedicate.bundle.UnsafeValueException;
import io.dedicate.bundle.load.BundleLoadException;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.ParameterModel;
import io.dedicate.bundle.model.ParameterScope;
import io.dedicate.bundle.model.ParameterType;
import io.dedicate.bundle.model.PlanKind;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.InvalidParametersException;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.parameters.ValidatedParameters;
import io.dedicate.bundle.parameters.Violation;
import io.dedicate.bundle.render.InstanceIdentity;
import io.dedicate.bundle.render.OperationContext;
import io.dedicate.bundle.render.OperationRenderer;
import io.dedicate.bundle.render.RenderedOperation;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.CompileResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dedicate render OFFERINGS --plan PLAN --operation KIND [-p NAME=VALUE...] --out DIR}: the
 * files the broker would commit into an instance's folder of the deployment repository for one
 * operation, written offline. The offerings are compiled (or a compiled bundle is read) and loaded
 * by the broker's own {@link BundleLoader}; the parameters are checked by the broker's {@link
 * ParameterValidator} against the bundle's JSON schemas; the files come from the broker's {@link
 * OperationRenderer}. Nothing here renders on its own.
 *
 * <p>Secret parameters: the manifest reads each as the BOSH variable {@code ((dedicate_secret_PARAM))}, as the
 * broker's does; the broker encrypts their values to its recipient certificate into {@code secrets.cms}, which this
 * command does not write (it holds no certificate, and a value is never written or printed in plain text): it names
 * the secret parameters that have a value instead.
 *
 * <p>Exit status: 0 written, 1 the offerings have errors, 2 bad usage (unknown plan, operation kind
 * or parameter, a value the schema refuses), 3 the files could not be written.
 */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        description = "Write the files the broker would commit for one operation of one instance (offline).")
final class RenderCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the renderer is handed instead of an envelope: never written (secrets.cms is left out). */
    private static final String WITHHELD = "";

    private static final List<String> KINDS = List.of("deploy", "update", "upgrade", "recreate", "delete");

    @CommandLine.Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--offering", paramLabel = "NAME", description = "The offering (needed when there are several).")
    @Nullable
    String offeringName;

    @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The cluster plan, by name.")
    String planName = "";

    @Option(
            names = "--operation",
            required = true,
            paramLabel = "KIND",
            description = "deploy, update, upgrade, recreate or delete.")
    String kind = "";

    @Option(
            names = {"-p", "--param"},
            paramLabel = "NAME=VALUE",
            description = "A parameter, as `cf create-service -c` would give it (repeatable; wins over --parameters).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--parameters", paramLabel = "FILE.json", description = "The parameters as one JSON object.")
    @Nullable
    Path parametersFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files.")
    Path out = Path.of("");

    @Option(names = "--instance-id", paramLabel = "ID", description = "Default: ${DEFAULT-VALUE}.")
    String instanceId = "00000000-0000-0000-0000-000000000000";

    @Option(names = "--instance-name", paramLabel = "NAME", description = "The instance's name in the platform.")
    @Nullable
    String instanceName;

    @Option(names = "--org", paramLabel = "NAME", description = "The organisation's name.")
    @Nullable
    String orgName;

    @Option(names = "--space", paramLabel = "NAME", description = "The space's name.")
    @Nullable
    String spaceName;

    @Option(names = "--org-guid", paramLabel = "GUID", description = "Default: ${DEFAULT-VALUE}.")
    String orgGuid = "org-guid";

    @Option(names = "--space-guid", paramLabel = "GUID", description = "Default: ${DEFAULT-VALUE}.")
    String spaceGuid = "space-guid";

    @Option(names = "--operation-id", paramLabel = "ID", description = "Default: ${DEFAULT-VALUE}.")
    String operationId = "00000000-0000-0000-0000-000000000001";

    @Option(
            names = "--broker-url",
            paramLabel = "URL",
            description = "The broker's public URL, for the report URL (default: ${DEFAULT-VALUE}).")
    String brokerUrl = "https://broker.example.com";

    @Option(
            names = "--git-uri",
            paramLabel = "URI",
            description = "The deployment repository (default: ${DEFAULT-VALUE}).")
    String gitUri = "git@git.example.com:platform/deployments.git";

    @Option(names = "--git-branch", paramLabel = "BRANCH", description = "Default: ${DEFAULT-VALUE}.")
    String gitBranch = "main";

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        if (!KINDS.contains(kind)) {
            throw usage("--operation " + kind + ": not an operation kind (one of " + String.join(", ", KINDS) + ")");
        }
        Optional<LoadedBundle> loaded = bundle();
        if (loaded.isEmpty()) {
            return DedicateCommand.OFFERING_ERRORS;
        }
        LoadedBundle bundle = loaded.get();
        OfferingModel offering = offering(bundle);
        PlanModel plan = offering.planByName(planName)
                .orElseThrow(() -> usage("--plan " + planName + ": offering " + offering.name()
                        + " has no such plan (it has: "
                        + offering.plans().stream().map(PlanModel::name).collect(Collectors.joining(", ")) + ")"));
        if (plan.kind() != PlanKind.CLUSTER) {
            throw usage("--plan " + planName + ": a child plan; the broker commits files only for cluster plans");
        }
        Map<String, Object> requested = requested(offering);
        ValidatedParameters parameters;
        try {
            ParameterValidator validator = new ParameterValidator(bundle);
            parameters = kind.equals("update")
                    ? validator.clusterUpdate(offering, plan, requested, Map.of())
                    : validator.clusterCreate(offering, plan, requested);
        } catch (InvalidParametersException e) {
            PrintWriter err = commandLine.getErr();
            for (Violation violation : e.violations()) {
                err.println("dedicate render: parameter " + violation);
            }
            err.flush();
            return DedicateCommand.USAGE;
        }
        String gitPath = orgGuid + "/" + spaceGuid + "/" + instanceId;
        RenderedOperation rendered;
        try {
            // the broker seals the secret values into secrets.cms; here they are dropped unread (see the class comment)
            rendered = new OperationRenderer(bundle, plaintext -> WITHHELD)
                    .render(new OperationContext(
                            offering,
                            plan,
                            new InstanceIdentity(instanceId, instanceName, orgName, spaceName, orgGuid, spaceGuid),
                            parameters.values(),
                            operationId,
                            kind,
                            brokerUrl.replaceAll("/+$", "") + "/operations/" + operationId + "/report",
                            gitUri,
                            gitBranch,
                            gitPath));
        } catch (UnsafeValueException e) {
            throw usage(String.valueOf(e.getMessage()));
        } catch (TemplateRenderException e) {
            commandLine.getErr().println("dedicate render: " + e.getMessage());
            return DedicateCommand.OFFERING_ERRORS;
        }
        Map<String, byte[]> files = new TreeMap<>(rendered.files(""));
        files.remove(RenderedOperation.SECRETS_FILE);
        write(files);
        PrintWriter stdout = commandLine.getOut();
        stdout.println("rendered " + kind + " of " + offering.name() + " plan " + plan.name() + " into " + out
                + " (the broker commits these files into " + gitPath + "/)");
        if (rendered.secrets() != null) {
            List<String> secret = secretParametersWithValues(offering, parameters.values());
            stdout.println(RenderedOperation.SECRETS_FILE + " not written: the broker encrypts the values of secret"
                    + " parameters " + String.join(", ", secret) + " to its recipient certificate into "
                    + RenderedOperation.SECRETS_FILE + "; the manifest reads them as "
                    + secret.stream()
                            .map(name -> "((" + io.dedicate.bundle.BundleLayout.secretParameterVariable(name) + "))")
                            .collect(Collectors.joining(", ")));
        }
        stdout.flush();
        return DedicateCommand.OK;
    }

    /** The secret cluster parameters of {@code offering} that have a value (given or by default), sorted. */
    private static List<String> secretParametersWithValues(OfferingModel offering, Map<String, Object> values) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (ParameterScope scope : List.of(ParameterScope.CLUSTER_CREATE, ParameterScope.CLUSTER_UPDATE)) {
            for (ParameterModel parameter : offering.parameters(scope)) {
                if (parameter.flags().secret()
                        && (values.get(parameter.name()) != null || parameter.defaultValue() != null)) {
                    names.add(parameter.name());
                }
            }
        }
        return List.copyOf(names);
    }

    /** The bundle: read as is when OFFERINGS is one compiled bundle, else compiled from the offerings. */
    private Optional<LoadedBundle> bundle() {
        List<Path> inputs = input.inputsOrDefault();
        try {
            if (inputs.size() == 1 && isBundle(inputs.get(0))) {
                return Optional.of(BundleLoader.load(inputs.get(0)));
            }
            Bundle compiled = input.compiler(spec.commandLine()).compile(inputs);
            CompileResult result = compiled.result();
            input.report(result, spec.commandLine().getOut(), spec.commandLine().getErr());
            if (result.hasErrors()) {
                return Optional.empty();
            }
            return Optional.of(BundleLoader.load(
                    "compiled from " + inputs, new TreeMap<>(compiled.files().files())));
        } catch (BundleLoadException e) {
            spec.commandLine().getErr().println("dedicate render: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isBundle(Path path) {
        return (Files.isRegularFile(path) && path.toString().endsWith(".jar"))
                || Files.isRegularFile(path.resolve(io.dedicate.bundle.BundleLayout.MODEL));
    }

    private OfferingModel offering(LoadedBundle bundle) {
        List<OfferingModel> offerings = bundle.offerings();
        String names = offerings.stream().map(OfferingModel::name).collect(Collectors.joining(", "));
        if (offeringName == null) {
            if (offerings.size() != 1) {
                throw usage("--offering is needed: the bundle has " + offerings.size() + " offerings (" + names + ")");
            }
            return offerings.get(0);
        }
        return offerings.stream()
                .filter(offering -> offering.name().equals(offeringName))
                .findFirst()
                .orElseThrow(
                        () -> usage("--offering " + offeringName + ": no such offering (there are: " + names + ")"));
    }

    /** The parameters object: the JSON file's, then each {@code -p}, typed by the parameter's declared type. */
    private Map<String, Object> requested(OfferingModel offering) {
        Map<String, Object> requested = new LinkedHashMap<>();
        if (parametersFile != null) {
            try {
                Object raw = JSON.readValue(parametersFile.toFile(), Object.class);
                requested.putAll(ParameterValidator.parametersObject(raw));
            } catch (IOException e) {
                throw usage("--parameters " + parametersFile + ": " + describe(e));
            } catch (InvalidParametersException e) {
                throw usage("--parameters " + parametersFile + ": must hold one JSON object");
            }
        }
        Map<String, ParameterType> types = new TreeMap<>();
        for (ParameterScope scope : List.of(ParameterScope.CLUSTER_CREATE, ParameterScope.CLUSTER_UPDATE)) {
            for (ParameterModel parameter : offering.parameters(scope)) {
                types.putIfAbsent(parameter.name(), parameter.type());
            }
        }
        params.forEach((name, text) -> requested.put(name, value(text, types.get(name))));
        return requested;
    }

    /**
     * The value of {@code -p name=text}: JSON when the parameter's type is not textual and the text
     * reads as JSON (a number, true, a list of grants), else the text as a string, so that the schema
     * names what is wrong with it.
     */
    private static Object value(String text, @Nullable ParameterType type) {
        if (type == null || type == ParameterType.STRING || type == ParameterType.ENUM) {
            return text;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode() || node.isTextual()) {
                return text;
            }
            return JSON.treeToValue(node, Object.class);
        } catch (IOException notJson) {
            return text;
        }
    }

    private void write(Map<String, byte[]> files) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw usage("--out " + out + ": not a directory");
            }
            Files.createDirectories(out);
            for (String name : List.of(
                    RenderedOperation.PIPELINE_FILE,
                    RenderedOperation.MANIFEST_FILE,
                    RenderedOperation.VARS_FILE,
                    RenderedOperation.OPERATION_FILE,
                    RenderedOperation.SECRETS_FILE)) {
                Files.deleteIfExists(out.resolve(name));
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(out.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + out + ": " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                ? "not valid JSON: " + json.getOriginalMessage()
                : String.valueOf(e.getMessage());
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

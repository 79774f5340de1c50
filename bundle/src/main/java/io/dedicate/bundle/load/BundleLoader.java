package io.dedicate.bundle.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.bundle.BundleDigest;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.TemplateRenderException;
import io.dedicate.bundle.TemplateRenderer;
import io.dedicate.bundle.TemplateRenderer.PreparedTemplate;
import io.dedicate.bundle.model.BundleModel;
import io.dedicate.bundle.model.ModelFormatException;
import io.dedicate.bundle.model.ModelReader;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.model.TemplatePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a bundle (a directory or a jar written by {@code dedicate compile}) and checks it before the
 * broker serves it, so that a broken bundle stops the broker at start-up instead of failing
 * requests later:
 *
 * <ul>
 *   <li>model.json is format 1, with every field of the format and no other ({@link ModelReader});
 *   <li>its digest matches the files ({@link BundleDigest}): nothing was edited after compilation;
 *   <li>every path model.json names exists; every template parses (each is prepared once, here);
 *       every schema is a JSON object;
 *   <li>catalog.json is JSON and its service and plan IDs are exactly model.json's (the broker reads
 *       it into the OSB framework's types when it starts serving it).
 * </ul>
 *
 * <p>Shared by the broker and {@code dedicate render}, which renders with the same checked bundle.
 *
 * <p>Any failure is a {@link BundleLoadException} naming the bundle, the file and what is wrong.
 */
public final class BundleLoader {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private BundleLoader() {}

    /**
     * Loads and checks the bundle at {@code directoryOrJar}.
     *
     * @throws BundleLoadException if the bundle cannot be read or fails a check
     */
    public static LoadedBundle load(Path directoryOrJar) {
        return load(directoryOrJar.toString(), readFiles(directoryOrJar));
    }

    /**
     * Loads and checks a bundle held in memory (bundle path to content), such as the files a compile
     * has just produced, with the same checks as a bundle read from disk.
     *
     * @param source what to call the bundle in messages
     * @throws BundleLoadException if the bundle fails a check
     */
    public static LoadedBundle load(String source, SortedMap<String, byte[]> files) {
        byte[] modelBytes = files.get(BundleLayout.MODEL);
        if (modelBytes == null) {
            throw new BundleLoadException("bundle " + source + ": " + BundleLayout.MODEL
                    + ": missing; this is not a bundle (compile the offerings with `dedicate compile`)");
        }
        BundleModel model = readModel(source, modelBytes);
        if (!BundleDigest.verify(files, model.digest())) {
            throw new BundleLoadException("bundle " + source + ": " + BundleLayout.MODEL + ": digest "
                    + model.digest() + " does not match the bundle's files (" + BundleDigest.of(files)
                    + "): a file was changed, added or removed after compilation; compile the offerings again");
        }
        byte[] catalogBytes = require(source, files, BundleLayout.CATALOG, "catalog.json");
        require(source, files, model.metaPipeline(), "meta_pipeline");
        Set<String> templatePaths = new LinkedHashSet<>();
        templatePaths.add(model.metaPipeline());
        Set<String> schemaPaths = new LinkedHashSet<>();
        for (OfferingModel offering : model.offerings()) {
            String prefix = "offering " + offering.name() + ": ";
            for (PlanModel plan : offering.plans()) {
                for (Map.Entry<String, String> schema : plan.schemas().entrySet()) {
                    require(
                            source,
                            files,
                            schema.getValue(),
                            prefix + "plan " + plan.name() + ": schema " + schema.getKey());
                    schemaPaths.add(schema.getValue());
                }
            }
            TemplatePaths templates = offering.templates();
            for (Map.Entry<String, String> pipeline : templates.pipelines().entrySet()) {
                require(source, files, pipeline.getValue(), prefix + "pipeline template " + pipeline.getKey());
                templatePaths.add(pipeline.getValue());
            }
            String manifest = templates.manifest();
            if (manifest != null) {
                require(source, files, manifest, prefix + "manifest template");
                templatePaths.add(manifest);
            }
            for (Map.Entry<String, String> hook : templates.hookOps().entrySet()) {
                require(source, files, hook.getValue(), prefix + "ops template of hook " + hook.getKey());
                templatePaths.add(hook.getValue());
            }
        }
        for (String path : files.keySet()) {
            if (path.endsWith(".j2")) {
                templatePaths.add(path);
            }
        }
        Map<String, PreparedTemplate> templates = prepare(source, files, templatePaths);
        Map<String, JsonNode> schemas = new HashMap<>();
        for (String path : schemaPaths) {
            JsonNode schema = parse(source, path, require(source, files, path, "a schema"));
            if (!schema.isObject()) {
                throw new BundleLoadException("bundle " + source + ": " + path
                        + ": a JSON schema must be an object (got " + ModelReader.kind(schema) + ")");
            }
            schemas.put(path, schema);
        }
        JsonNode catalogTree = parse(source, BundleLayout.CATALOG, catalogBytes);
        checkCatalogIds(source, catalogTree, model.offerings());
        return new LoadedBundle(
                source,
                catalogBytes,
                etag(catalogBytes),
                model.digest(),
                model.metaPipeline(),
                model.offerings(),
                templates,
                schemas);
    }

    /** model.json, read by the bundle's one strict reader. */
    private static BundleModel readModel(String source, byte[] content) {
        try {
            return ModelReader.read("bundle " + source + ": " + BundleLayout.MODEL, content);
        } catch (ModelFormatException e) {
            throw new BundleLoadException(String.valueOf(e.getMessage()), e);
        }
    }

    private static SortedMap<String, byte[]> readFiles(Path bundle) {
        try {
            if (Files.isDirectory(bundle)) {
                return readDirectory(bundle);
            }
            if (Files.isRegularFile(bundle)) {
                return readJar(bundle);
            }
        } catch (ZipException e) {
            throw new BundleLoadException(
                    "bundle " + bundle + ": not a directory nor a readable jar: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new BundleLoadException("bundle " + bundle + ": cannot be read: " + e.getMessage(), e);
        }
        throw new BundleLoadException("bundle " + bundle + ": does not exist (expected a directory or a jar written by"
                + " `dedicate compile`)");
    }

    private static SortedMap<String, byte[]> readDirectory(Path root) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(Files::isRegularFile).toList();
        }
        for (Path path : paths) {
            List<String> names = new ArrayList<>();
            for (Path name : root.relativize(path)) {
                names.add(name.toString());
            }
            files.put(String.join("/", names), Files.readAllBytes(path));
        }
        return files;
    }

    private static SortedMap<String, byte[]> readJar(Path jar) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return files;
    }

    private static byte[] require(String source, Map<String, byte[]> files, String path, String what) {
        byte[] content = files.get(path);
        if (content == null) {
            throw new BundleLoadException(
                    "bundle " + source + ": " + path + ": missing (model.json names it as " + what + ")");
        }
        return content;
    }

    private static Map<String, PreparedTemplate> prepare(String source, Map<String, byte[]> files, Set<String> paths) {
        TemplateRenderer renderer = new TemplateRenderer();
        Map<String, PreparedTemplate> templates = new LinkedHashMap<>();
        for (String path : paths) {
            String text = utf8(source, path, require(source, files, path, "a template"));
            try {
                templates.put(path, renderer.prepare(path, text));
            } catch (TemplateRenderException e) {
                throw new BundleLoadException("bundle " + source + ": " + path + ": " + e.getMessage());
            }
        }
        return templates;
    }

    private static String utf8(String source, String path, byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BundleLoadException("bundle " + source + ": " + path + ": is not UTF-8 text");
        }
    }

    private static JsonNode parse(String source, String path, byte[] content) {
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || node.isMissingNode()) {
                throw new BundleLoadException("bundle " + source + ": " + path + ": is empty (expected JSON)");
            }
            return node;
        } catch (IOException e) {
            throw new BundleLoadException("bundle " + source + ": " + path + ": is not valid JSON: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException json) {
            var location = json.getLocation();
            String at = location == null
                    ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return json.getOriginalMessage() + at;
        }
        return String.valueOf(e.getMessage());
    }

    /** The catalog's services and plans must be exactly model.json's offerings and plans, by ID. */
    private static void checkCatalogIds(String source, JsonNode catalog, List<OfferingModel> offerings) {
        String where = "bundle " + source + ": " + BundleLayout.CATALOG + ": ";
        JsonNode services = catalog.path("services");
        if (!services.isArray()) {
            throw new BundleLoadException(where + "`services` must be an array");
        }
        Map<String, OfferingModel> byId = new LinkedHashMap<>();
        offerings.forEach(offering -> byId.put(offering.id(), offering));
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < services.size(); i++) {
            JsonNode service = services.get(i);
            String id = service.path("id").asText("");
            OfferingModel offering = byId.get(id);
            if (offering == null) {
                throw new BundleLoadException(where + "services[" + i + "] has id \"" + id
                        + "\", which is not the id of any offering in model.json (" + String.join(", ", byId.keySet())
                        + ")");
            }
            seen.add(id);
            Set<String> catalogPlans = new LinkedHashSet<>();
            JsonNode plans = service.path("plans");
            for (int j = 0; j < plans.size(); j++) {
                String planId = plans.get(j).path("id").asText("");
                if (offering.plan(planId).isEmpty()) {
                    throw new BundleLoadException(where + "services[" + i + "].plans[" + j + "] has id \"" + planId
                            + "\", which is not the id of any plan of offering " + offering.name() + " in model.json");
                }
                catalogPlans.add(planId);
            }
            for (PlanModel plan : offering.plans()) {
                if (!catalogPlans.contains(plan.id())) {
                    throw new BundleLoadException(where + "service " + offering.name() + " has no plan with id \""
                            + plan.id() + "\" (plan " + plan.name() + " of model.json)");
                }
            }
        }
        for (OfferingModel offering : offerings) {
            if (!seen.contains(offering.id())) {
                throw new BundleLoadException(where + "has no service with id \"" + offering.id() + "\" (offering "
                        + offering.name() + " of model.json)");
            }
        }
    }

    private static String etag(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + HexFormat.of().formatHex(hash).substring(0, 32) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package io.dedicate.compiler.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a release's job specs from a release tarball ({@code .tgz}/{@code .tar.gz}: {@code
 * jobs/NAME.tgz}, each holding {@code job.MF} and {@code templates/*}) or from an extracted folder
 * ({@code jobs/JOB/spec}, and {@code jobs/JOB/templates/*} when they are there).
 */
public final class ReleaseSpecReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ReleaseSpecReader() {}

    /** Reads the specs at {@code path}; {@code shown} is the path as the user wrote it, for messages. */
    public static ReleaseSpec read(Path path, String shown) throws ReleaseSpecException {
        if (!Files.exists(path)) {
            throw new ReleaseSpecException("`" + shown + "` does not exist");
        }
        try {
            if (Files.isDirectory(path)) {
                return readFolder(path, shown);
            }
            if (!Files.isReadable(path)) {
                throw new ReleaseSpecException("`" + shown + "` cannot be read");
            }
            return readTarball(path, shown);
        } catch (IOException e) {
            throw new ReleaseSpecException("`" + shown + "` cannot be read: " + e.getMessage(), e);
        }
    }

    private static ReleaseSpec readFolder(Path folder, String shown) throws IOException, ReleaseSpecException {
        Path jobs = folder.resolve("jobs");
        if (!Files.isDirectory(jobs)) {
            throw new ReleaseSpecException(
                    "`" + shown + "` is not a release: it has no `jobs` folder (expected jobs/JOB/spec)");
        }
        TreeMap<String, JobSpec> specs = new TreeMap<>();
        boolean templates = false;
        List<Path> jobDirs;
        try (Stream<Path> list = Files.list(jobs)) {
            jobDirs = list.filter(Files::isDirectory).sorted().toList();
        }
        for (Path jobDir : jobDirs) {
            Path spec = jobDir.resolve("spec");
            if (!Files.isRegularFile(spec)) {
                continue;
            }
            String where = shown + "/jobs/" + jobDir.getFileName() + "/spec";
            Map<String, String> erbs = new TreeMap<>();
            Path templateDir = jobDir.resolve("templates");
            if (Files.isDirectory(templateDir)) {
                templates = true;
                try (Stream<Path> walk = Files.walk(templateDir)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        erbs.put(
                                templateDir.relativize(file).toString().replace('\\', '/'),
                                Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
            JobSpec job = job(Files.readString(spec, StandardCharsets.UTF_8), where, erbs);
            specs.put(job.name(), job);
        }
        if (specs.isEmpty()) {
            throw new ReleaseSpecException("`" + shown + "` is not a release: no jobs/JOB/spec file");
        }
        return new ReleaseSpec(shown, specs, templates);
    }

    private static ReleaseSpec readTarball(Path tarball, String shown) throws IOException, ReleaseSpecException {
        Map<String, byte[]> files;
        try (InputStream in = Files.newInputStream(tarball)) {
            files = TarGz.files(in, name -> name.equals("release.MF") || isJobTarball(name));
        }
        if (!files.containsKey("release.MF")) {
            throw new ReleaseSpecException("`" + shown + "` is not a release tarball: it has no release.MF");
        }
        TreeMap<String, JobSpec> specs = new TreeMap<>();
        for (Map.Entry<String, byte[]> entry : files.entrySet()) {
            if (!isJobTarball(entry.getKey())) {
                continue;
            }
            String where = shown + "!" + entry.getKey();
            Map<String, byte[]> job =
                    TarGz.files(entry.getValue(), name -> name.equals("job.MF") || name.startsWith("templates/"));
            byte[] manifest = job.get("job.MF");
            if (manifest == null) {
                throw new ReleaseSpecException("`" + where + "` has no job.MF");
            }
            Map<String, String> erbs = new TreeMap<>();
            job.forEach((name, bytes) -> {
                if (name.startsWith("templates/")) {
                    erbs.put(name.substring("templates/".length()), new String(bytes, StandardCharsets.UTF_8));
                }
            });
            JobSpec spec = job(new String(manifest, StandardCharsets.UTF_8), where + "!job.MF", erbs);
            specs.put(spec.name(), spec);
        }
        return new ReleaseSpec(shown, specs, true);
    }

    private static boolean isJobTarball(String name) {
        return name.startsWith("jobs/") && name.endsWith(".tgz") && name.indexOf('/', 5) < 0;
    }

    /** A spec (or job.MF) and its templates, by template path. */
    static JobSpec job(String spec, String where, Map<String, String> templates) throws ReleaseSpecException {
        JsonNode root;
        try {
            root = YAML.readTree(spec);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ReleaseSpecException("`" + where + "` is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("name").isTextual()) {
            throw new ReleaseSpecException("`" + where + "` is not a job spec: it has no `name`");
        }
        Map<String, Boolean> properties = new TreeMap<>();
        JsonNode declared = root.path("properties");
        if (!declared.isMissingNode() && !declared.isNull() && !declared.isObject()) {
            throw new ReleaseSpecException("`" + where + "`: `properties` is not a map");
        }
        for (Map.Entry<String, JsonNode> property : declared.properties()) {
            JsonNode value = property.getValue();
            boolean hasDefault = value != null
                    && value.has("default")
                    && !value.get("default").isNull();
            properties.put(property.getKey(), hasDefault);
        }
        List<JobSpec.TemplateRead> reads = new ArrayList<>();
        templates.forEach((template, text) -> {
            for (String name : TemplateReads.required(text)) {
                reads.add(new JobSpec.TemplateRead(template, name));
            }
        });
        return new JobSpec(root.get("name").asText(), new TreeMap<>(properties), reads);
    }
}

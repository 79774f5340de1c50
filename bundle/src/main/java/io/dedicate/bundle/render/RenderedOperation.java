package io.dedicate.bundle.render;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The files of one operation, committed into the instance's folder of the deployment repository.
 *
 * @param pipeline {@code pipeline.yml}: the Concourse pipeline of the operation
 * @param manifest {@code manifest.yml}: the BOSH manifest; null when the offering has no BOSH deployment
 * @param vars {@code vars.yml}: the Concourse variables the broker provides (nothing secret)
 * @param operation {@code operation.json}: what the pipeline acts on and reports for, read at run
 *     time ({@code {"id", "kind", "plan", "report_url"}}, contracts.md); the pipeline itself does not
 *     depend on the operation
 * @param secrets {@code secrets.cms}: the operation's secret parameters, PEM CMS EnvelopedData to the recipient
 *     certificate (contracts.md); null when the operation has no secret value, and then the committer removes a
 *     {@code secrets.cms} an earlier operation left
 */
public record RenderedOperation(
        String pipeline,
        @Nullable String manifest,
        String vars,
        String operation,
        @Nullable String secrets) {

    /** An operation without secret parameters. */
    public RenderedOperation(String pipeline, @Nullable String manifest, String vars, String operation) {
        this(pipeline, manifest, vars, operation, null);
    }

    /** File name of the pipeline in the instance's folder. */
    public static final String PIPELINE_FILE = io.dedicate.bundle.BundleLayout.INSTANCE_PIPELINE_FILE;
    /** File name of the manifest in the instance's folder. */
    public static final String MANIFEST_FILE = "manifest.yml";
    /** File name of the operation in the instance's folder. */
    public static final String OPERATION_FILE = io.dedicate.bundle.BundleLayout.OPERATION_FILE;
    /** File name of the variables in the instance's folder. */
    public static final String VARS_FILE = "vars.yml";
    /** File name of the secret parameters' envelope in the instance's folder. */
    public static final String SECRETS_FILE = io.dedicate.bundle.BundleLayout.SECRETS_FILE;

    /** {@code gitPath/pipeline.yml}, {@code gitPath/manifest.yml} (when any), {@code gitPath/vars.yml}, {@code gitPath/operation.json}, {@code gitPath/secrets.cms} (when any) to UTF-8 bytes, sorted by path. */
    public Map<String, byte[]> files(String gitPath) {
        String prefix = gitPath.isEmpty() || gitPath.endsWith("/") ? gitPath : gitPath + "/";
        Map<String, byte[]> files = new TreeMap<>();
        files.put(prefix + PIPELINE_FILE, pipeline.getBytes(StandardCharsets.UTF_8));
        if (manifest != null) {
            files.put(prefix + MANIFEST_FILE, manifest.getBytes(StandardCharsets.UTF_8));
        }
        files.put(prefix + VARS_FILE, vars.getBytes(StandardCharsets.UTF_8));
        files.put(prefix + OPERATION_FILE, operation.getBytes(StandardCharsets.UTF_8));
        if (secrets != null) {
            files.put(prefix + SECRETS_FILE, secrets.getBytes(StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableMap(files);
    }

    @Override
    public String toString() {
        return "RenderedOperation[pipeline=" + pipeline.length() + " chars, manifest="
                + (manifest == null ? "none" : manifest.length() + " chars") + ", secrets="
                + (secrets == null ? "none" : "enveloped") + "]";
    }
}

package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Offering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generated task scripts with the real sh, jq and openssl of this machine. */
class TaskScriptsTest {

    private static final Offering MYSQL = CompiledOfferings.mysql();
    private static final MemoryManifest FILES = CompiledOfferings.emit(List.of(MYSQL));

    @TempDir
    Path work;

    private record Run(int exit, String output) {}

    private Run sh(String script, Map<String, String> env) throws IOException, InterruptedException {
        Path file = work.resolve("script.sh");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("sh", "-ec", script).directory(work.toFile());
        builder.redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "sh ran for more than a minute");
        return new Run(process.exitValue(), output);
    }

    @Test
    void everyScriptOfThePipelineIsValidShell() throws Exception {
        JsonNode pipeline = Rendering.yaml(
                "pipeline", FILES.text(PipelineEmitterTest.TEMPLATE), Rendering.variables(MYSQL, "deploy"));
        List<String> scripts = new ArrayList<>();
        pipeline.findValues("run")
                .forEach(run -> scripts.add(run.path("args").get(1).textValue()));
        assertTrue(scripts.size() > 10, "the pipeline's scripts: " + scripts.size());
        for (String script : scripts) {
            Path file = work.resolve("check.sh");
            Files.writeString(file, script);
            Process process = new ProcessBuilder("sh", "-n", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), output + "\n" + script);
        }
    }

    @Test
    void theReportSignatureIsTheContractsHmac() throws Exception {
        String key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        String operationId = "op-7f3a";
        String body =
                "{\"state\":\"succeeded\",\"description\":\"deploy of db \\u00e9t\\u00e9 succeeded\",\"outputs\":{}}\n";
        Files.writeString(work.resolve("report.json"), body);
        Run run = sh(
                TaskScripts.SIGN_REPORT + "printf '%s' \"$sig\"\n",
                Map.of("OPERATION_ID", operationId, "REPORT_SIGNING_KEY", key));
        assertEquals(0, run.exit(), run.output());

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(key), "HmacSHA256"));
        mac.update((operationId + "\n").getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, run.output());
        assertFalse(run.output().contains(key));
    }

    @Test
    void theGuardRunsATaskOnlyForItsKindsAndPassesOutputsThrough() throws Exception {
        Path folder = work.resolve("deployment/org/space/id-1");
        Files.createDirectories(folder);
        Files.createDirectories(work.resolve("terraform-state"));
        Files.writeString(work.resolve("terraform-state/state"), "kept\n");
        Files.createDirectories(work.resolve("terraform-state-updated"));
        String script = TaskScripts.guard(List.of("terraform-state-updated")) + "echo RAN\n";
        Map<String, String> env = Map.of("INSTANCE_PATH", "org/space/id-1", "RUNS_FOR", "deploy update");

        Run none = sh(script, env);
        assertEquals(0, none.exit(), none.output());
        assertFalse(none.output().contains("RAN"), "no operation.json: nothing runs");

        Files.writeString(
                folder.resolve(BundleLayout.OPERATION_FILE),
                "{\"id\":\"op-1\",\"kind\":\"delete\",\"plan\":\"small\",\"report_url\":\"https://b/operations/op-1/report\"}\n");
        Run other = sh(script, env);
        assertEquals(0, other.exit(), other.output());
        assertFalse(other.output().contains("RAN"), other.output());
        assertEquals("kept\n", Files.readString(work.resolve("terraform-state-updated/state")));

        Files.writeString(
                folder.resolve(BundleLayout.OPERATION_FILE),
                "{\"id\":\"op-2\",\"kind\":\"update\",\"plan\":\"small\",\"report_url\":\"https://b/operations/op-2/report\"}\n");
        Run mine = sh(script, env);
        assertEquals(0, mine.exit(), mine.output());
        assertTrue(mine.output().contains("RAN"), mine.output());

        Files.writeString(
                folder.resolve(BundleLayout.OPERATION_FILE),
                "{\"id\":\"op-3\",\"kind\":\"deployment\",\"plan\":\"small\",\"report_url\":\"x\"}\n");
        assertFalse(sh(script, env).output().contains("RAN"), "a kind matches whole words only");
    }

    /**
     * The deploy step's secrets part (contracts.md) with the real openssl: a {@code secrets.cms} made by {@code openssl
     * cms -encrypt} (AES-256, to a self-signed certificate) is decrypted with the key from the task param, {@code bosh
     * deploy -l secrets.yml} (a stand-in {@code bosh} on the PATH that records its arguments, the files' modes and the
     * variables file) sees the plaintext in a 0600 file, and afterwards neither the key nor the plaintext is left, also
     * when the deploy fails.
     */
    @Test
    void theDeployStepDecryptsSecretsCmsForBoshAndLeavesNoKeyNorPlaintext() throws Exception {
        Path keys = work.resolve("keys");
        Files.createDirectories(keys);
        Run keygen = sh(
                "openssl req -x509 -newkey rsa:2048 -nodes -keyout keys/key.pem -out keys/cert.pem -days 1"
                        + " -subj '/CN=dedicate secret parameters' 2>&1\n",
                Map.of());
        assertEquals(0, keygen.exit(), keygen.output());
        Path folder = work.resolve("deployment/org/space/id-1");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("manifest.yml"), "name: x\n");
        String plaintext = "dedicate_secret_token: \"s3cr3t-token-v4lue\"\n";
        Files.writeString(work.resolve("plain.yml"), plaintext);
        Run encrypt = sh(
                "openssl cms -encrypt -binary -aes256 -in plain.yml -outform PEM -out deployment/org/space/id-1/secrets.cms"
                        + " keys/cert.pem\nrm plain.yml\n",
                Map.of());
        assertEquals(0, encrypt.exit(), encrypt.output());
        Path bin = work.resolve("bin");
        Files.createDirectories(bin);
        Path bosh = bin.resolve("bosh");
        Files.writeString(bosh, """
                #!/bin/sh
                echo "bosh $*" >> bosh.log
                stat -c '%a %n' key.pem secrets.yml >> bosh.log 2>&1 || true
                if [ -f secrets.yml ]; then cat secrets.yml >> bosh.log; fi
                exit "${BOSH_EXIT:-0}"
                """);
        bosh.toFile().setExecutable(true);
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("INSTANCE_PATH", "org/space/id-1");
        env.put(
                "SECRET_PARAMETERS_PRIVATE_KEY",
                Files.readString(keys.resolve("key.pem")).strip());

        Run deploy = sh(TaskScripts.DEPLOY_WITH_SECRETS, env);
        assertEquals(0, deploy.exit(), deploy.output());
        String log = Files.readString(work.resolve("bosh.log"));
        assertTrue(log.startsWith("bosh -n deploy deployment/org/space/id-1/manifest.yml -l secrets.yml\n"), log);
        assertTrue(log.contains("600 secrets.yml"), "the plaintext is readable by its owner only: " + log);
        assertFalse(log.contains("600 key.pem"), "the key is gone before bosh runs: " + log);
        assertTrue(log.endsWith(plaintext), log);
        assertFalse(Files.exists(work.resolve("key.pem")), "no key left");
        assertFalse(Files.exists(work.resolve("secrets.yml")), "no plaintext left");
        assertFalse(deploy.output().contains("s3cr3t"), deploy.output());

        env.put("BOSH_EXIT", "1");
        Files.delete(work.resolve("bosh.log"));
        Run failed = sh(TaskScripts.DEPLOY_WITH_SECRETS, env);
        assertEquals(1, failed.exit(), failed.output());
        assertTrue(Files.readString(work.resolve("bosh.log")).contains("s3cr3t"), "bosh got the values");
        assertFalse(Files.exists(work.resolve("key.pem")), "no key left after a failed deploy");
        assertFalse(Files.exists(work.resolve("secrets.yml")), "no plaintext left after a failed deploy");

        Files.delete(folder.resolve("secrets.cms"));
        Files.delete(work.resolve("bosh.log"));
        env.remove("BOSH_EXIT");
        Run plain = sh(TaskScripts.DEPLOY_WITH_SECRETS, env);
        assertEquals(0, plain.exit(), plain.output());
        assertEquals(
                "bosh -n deploy deployment/org/space/id-1/manifest.yml\n",
                Files.readString(work.resolve("bosh.log")).lines().findFirst().orElse("") + "\n",
                "without secrets.cms, a plain deploy");
    }

    /**
     * The MySQL offering's {@code bosh-deploy} task run with the real sh and jq against a stand-in {@code bosh} (no
     * director runs here) that records its arguments and answers {@code bosh stemcells --json} in the CLI's table
     * format: every release is uploaded by URL, name and version before the deploy, and a director without the
     * offering's stemcell fails the task before {@code bosh deploy}, saying which stemcell to upload.
     */
    @Test
    void releasesAreUploadedAndTheStemcellCheckedBeforeTheDeploy() throws Exception {
        JsonNode plan = Rendering.yaml(
                        "pipeline", FILES.text(PipelineEmitterTest.TEMPLATE), Rendering.variables(MYSQL, "deploy"))
                .path("jobs")
                .get(0)
                .path("plan");
        JsonNode deploy = task(plan, "bosh-deploy");
        Map<String, String> env = new LinkedHashMap<>(params(deploy));
        Path folder = work.resolve("deployment").resolve(env.get("INSTANCE_PATH"));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("manifest.yml"), "name: mysql\n");
        operation(folder, "deploy");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path log = work.resolve("bosh.log");
        Files.writeString(bin.resolve("bosh"), """
                #!/bin/sh
                printf '%s\\n' "$*" >> "$BOSH_LOG"
                if [ "$1" = stemcells ]; then
                  printf '%s\\n' "$DIRECTOR_STEMCELLS"
                fi
                """);
        assertTrue(bin.resolve("bosh").toFile().setExecutable(true));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("BOSH_LOG", log.toString());

        env.put(
                "DIRECTOR_STEMCELLS",
                "{\"Tables\":[{\"Rows\":[{\"name\":\"bosh-vsphere-esxi-ubuntu-jammy-go_agent\",\"os\":\"ubuntu-jammy\","
                        + "\"version\":\"1.586*\",\"cid\":\"sc-1\"}]}]}");
        Run run = sh(script(deploy), env);
        assertEquals(0, run.exit(), run.output());
        String manifest = "deployment/" + env.get("INSTANCE_PATH") + "/manifest.yml";
        assertEquals(
                List.of(
                        "-n upload-release https://bosh.io/d/github.com/cloudfoundry/pxc-release?v=2.0.8 --name pxc"
                                + " --version 2.0.8",
                        "-n upload-release https://bosh.io/d/github.com/cloudfoundry/bpm-release?v=1.4.26 --name bpm"
                                + " --version 1.4.26",
                        "-n upload-release https://github.com/bosh-prometheus/prometheus-boshrelease/releases/download"
                                + "/v26.6.0/prometheus-26.6.0.tgz --name prometheus --version 26.6.0",
                        "stemcells --json",
                        "-n deploy " + manifest),
                Files.readAllLines(log));

        Files.delete(log);
        env.put(
                "DIRECTOR_STEMCELLS",
                "{\"Tables\":[{\"Rows\":[{\"name\":\"bosh-vsphere-esxi-ubuntu-jammy-go_agent\",\"os\":\"ubuntu-jammy\","
                        + "\"version\":\"1.585\",\"cid\":\"sc-0\"}]}]}");
        Run missing = sh(script(deploy), env);
        assertEquals(1, missing.exit(), missing.output());
        assertTrue(
                missing.output().contains("the director has no stemcell ubuntu-jammy/1.586: upload it"),
                missing.output());
        assertFalse(Files.readAllLines(log).contains("-n deploy " + manifest), "no deploy without the stemcell");
    }

    /**
     * A hook's tasks on the {@code hooked} fixture, run as Concourse runs them (the {@code shared-deployments} input a
     * clone of the shared deployments' repository, an empty {@code shared-deployments-updated} output) with the real
     * sh, jq and git: the registration commits the rendered ops file in the shared deployment's folder, again is a
     * no-op, and the deregistration removes exactly that file. Pushing it is the git resource's {@code put}.
     */
    @Test
    void aHookRegistrationCommitsItsOpsFileAndItsDeregistrationRemovesIt() throws Exception {
        JsonNode plan =
                PipelineEmitterTest.renderHooked("deploy").path("jobs").get(0).path("plan");
        JsonNode register = task(plan, "register-prometheus");
        JsonNode deregister = task(plan, "delete-deregister-prometheus");
        Map<String, String> registerEnv = params(register);
        Path folder = work.resolve("deployment").resolve(registerEnv.get("INSTANCE_PATH"));
        Files.createDirectories(folder);

        Path shared = work.resolve("shared-deployments");
        Path updated = work.resolve("shared-deployments-updated");
        git(work, "init", "-q", "-b", "main", shared.toString());
        Files.createDirectories(shared.resolve("prometheus"));
        Files.writeString(shared.resolve("prometheus/prometheus.yml"), "name: prometheus\n");
        git(shared, "add", "-A");
        git(
                shared,
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@localhost",
                "commit",
                "-q",
                "-m",
                "the shared deployments");
        Files.createDirectories(updated);

        operation(folder, "deploy");
        Run registered = sh(script(register), registerEnv);
        assertEquals(0, registered.exit(), registered.output());
        Path opsFile = updated.resolve("prometheus").resolve(registerEnv.get("OPS_FILE_NAME"));
        assertEquals(
                new ObjectMapper().readTree(registerEnv.get("OPS_FILE")),
                new ObjectMapper().readTree(Files.readString(opsFile)));
        assertEquals(
                "register hook prometheus of hooked-" + TemplateSamples.INSTANCE_ID,
                git(updated, "log", "-1", "--format=%s").strip());
        assertEquals("2", git(updated, "rev-list", "--count", "HEAD").strip());

        nextGet(shared, updated);
        operation(folder, "update");
        Run again = sh(script(register), registerEnv);
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("nothing to change"), again.output());
        assertEquals("2", git(updated, "rev-list", "--count", "HEAD").strip());

        nextGet(shared, updated);
        operation(folder, "delete");
        Run deregistered = sh(script(deregister), params(deregister));
        assertEquals(0, deregistered.exit(), deregistered.output());
        assertFalse(Files.exists(opsFile), "the ops file is removed");
        assertTrue(Files.exists(updated.resolve("prometheus/prometheus.yml")), "nothing else is");
        assertEquals(
                "deregister hook prometheus of hooked-" + TemplateSamples.INSTANCE_ID,
                git(updated, "log", "-1", "--format=%s").strip());
        assertEquals("", git(updated, "status", "--porcelain").strip());
    }

    private static JsonNode task(JsonNode plan, String name) {
        for (JsonNode step : plan) {
            if (name.equals(step.path("task").textValue())) {
                return step.path("config");
            }
        }
        throw new AssertionError("no task " + name);
    }

    private static String script(JsonNode task) {
        return task.path("run").path("args").get(1).textValue();
    }

    private static Map<String, String> params(JsonNode task) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : task.path("params").properties()) {
            env.put(e.getKey(), e.getValue().asText());
        }
        return env;
    }

    private static void operation(Path folder, String kind) throws IOException {
        Files.writeString(
                folder.resolve(BundleLayout.OPERATION_FILE),
                "{\"id\":\"op-" + kind + "\",\"kind\":\"" + kind
                        + "\",\"plan\":\"small\",\"report_url\":\"https://b/operations/op/report\"}\n");
    }

    /** What the put and the next build's get do: the pushed repository becomes the input, the output is empty. */
    private static void nextGet(Path input, Path output) throws IOException {
        delete(input);
        Files.move(output, input);
        Files.createDirectories(output);
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "git ran for more than a minute");
        assertEquals(0, process.exitValue(), "git " + command + ": " + output);
        return output;
    }
}

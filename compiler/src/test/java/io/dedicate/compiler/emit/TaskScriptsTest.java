package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Offering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
}

package io.dedicate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run in its own JVM as {@code ./dedicate} runs it: catches what unit tests on
 * the test class path cannot (a dependency missing from the shaded jar, a wrong main class).
 */
class DedicateJarIT {

    private static final Path REPO = Path.of(System.getProperty("dedicate.repo.root", ".."));
    private static final Path JAR = Path.of(System.getProperty("dedicate.jar", "target/dedicate.jar"));

    @TempDir
    Path tmp;

    record Run(int status, String output) {}

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the jar did not finish within 60 s");
        return new Run(process.exitValue(), output);
    }

    @Test
    void theJarChecksAndCompilesTheOfferings() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "no packaged jar at " + JAR + ": run `mvn verify`");
        Run check = java("check", "offerings");
        assertEquals(0, check.status(), check.output());
        assertEquals("ok: 1 offering checked (mysql-on-demand)\n", check.output());

        Path bundle = tmp.resolve("bundle");
        Run compile = java("compile", "offerings", "--out", bundle.toString());
        assertEquals(0, compile.status(), compile.output());
        assertTrue(Files.isRegularFile(bundle.resolve("catalog.json")), compile.output());
        assertTrue(Files.isRegularFile(bundle.resolve("pipelines/mysql-on-demand/pipeline.yml.j2")), compile.output());
    }

    @Test
    void theJarReportsMistakesWithStatusOne() throws Exception {
        Path broken = tmp.resolve("broken.offering");
        Files.writeString(broken, "offering broken version 1.0.0 {\n  descriptoin \"x\"\n}\n");
        Run check = java("check", broken.toString());
        assertEquals(1, check.status(), check.output());
        assertTrue(check.output().contains("error[syntax]"), check.output());
        assertTrue(check.output().contains("(did you mean `description`?)"), check.output());
    }

    @Test
    void theJarServesTheLanguageOverStdio() throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "lsp")
                .directory(REPO.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String initialize =
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";
            byte[] body = initialize.getBytes(StandardCharsets.UTF_8);
            process.getOutputStream()
                    .write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().write(body);
            process.getOutputStream().flush();
            String header = readHeader(process);
            assertTrue(header.startsWith("Content-Length: "), "stdout carries only LSP messages: " + header);
            int length = Integer.parseInt(
                    header.substring("Content-Length: ".length()).trim());
            String answer = new String(process.getInputStream().readNBytes(length), StandardCharsets.UTF_8);
            assertTrue(answer.contains("\"id\":1") && answer.contains("\"hoverProvider\":true"), answer);
            assertTrue(answer.contains("\"definitionProvider\":true"), answer);
            process.getOutputStream().close();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server ends when the editor closes stdin");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }

    /** The header lines of one LSP message (up to the empty line). */
    private static String readHeader(Process process) throws IOException {
        StringBuilder header = new StringBuilder();
        while (!header.toString().endsWith("\r\n\r\n")) {
            int next = process.getInputStream().read();
            if (next < 0) {
                throw new IOException("stdout ended after: " + header);
            }
            header.append((char) next);
        }
        return header.toString();
    }
}

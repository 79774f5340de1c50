package io.dedicate.broker.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the system's own git on a repository: an independent check of the trees and commits JGit wrote. */
final class GitCli {
    private GitCli() {}

    /** Runs {@code git --git-dir=<repository> <arguments>}, asserts it succeeds and returns its standard output. */
    static String run(Path repository, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + repository));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            assertThat(exit).as("%s exits with 0; output:%n%s", command, output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Asserts that {@code git fsck --strict} finds nothing wrong (tree order, modes, names, connectivity). */
    static void assertSound(Path repository) {
        String output = run(repository, "fsck", "--strict", "--no-dangling");
        assertThat(output).as("git fsck --strict output").doesNotContain("error", "warning", "missing", "broken");
    }
}

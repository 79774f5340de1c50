package io.dedicate.compiler.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives written by the system's tar: short names, names over 100 characters, a leading ./. */
class TarGzTest {

    @TempDir
    Path temp;

    @Test
    void readsWhatTarWrites() throws Exception {
        String deep = "templates/" + "a-rather-long-folder-name/".repeat(5) + "config.erb";
        Path source = temp.resolve("src");
        Files.createDirectories(source.resolve(deep).getParent());
        Files.writeString(source.resolve(deep), "<%= p(\"deep\") %>");
        Files.writeString(source.resolve("job.MF"), "name: deep\n");
        Path archive = temp.resolve("deep.tgz");
        Process tar = new ProcessBuilder(
                        List.of("tar", "-czf", archive.toString(), "-C", source.toString(), "./job.MF", "./templates"))
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), output);

        Map<String, byte[]> files;
        try (InputStream in = Files.newInputStream(archive)) {
            files = TarGz.files(in, name -> true);
        }
        assertEquals(List.of("job.MF", deep), List.copyOf(files.keySet()));
        assertEquals("<%= p(\"deep\") %>", new String(files.get(deep), StandardCharsets.UTF_8));
    }
}

package io.dedicate.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.bundle.BundleLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The compiler runs its emitters and the render check on several threads at once ({@link OfferingCompiler#compile}):
 * the bundle must not depend on which of them finishes first, nor on other compilations running at the same time
 * (the language server and a build may share one compiler).
 */
class ConcurrentEmissionTest {

    private static final List<Path> INPUTS = List.of(RepositoryFiles.OFFERINGS.resolve("mysql.offering"));

    @Test
    void everyCompilationGivesTheSameBytesWhateverRunsBesideIt() throws Exception {
        OfferingCompiler compiler = new OfferingCompiler();
        Bundle first = compiler.compile(INPUTS);
        assertEquals(List.of(), first.result().diagnostics());
        SortedMap<String, byte[]> expected = first.files().files();
        assertFalse(expected.isEmpty());
        assertTrue(expected.containsKey(BundleLayout.MODEL));

        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Bundle>> compilations = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                compilations.add(threads.submit(() -> compiler.compile(INPUTS)));
            }
            for (Future<Bundle> compilation : compilations) {
                Bundle bundle = compilation.get();
                assertEquals(List.of(), bundle.result().diagnostics());
                assertEquals(expected.keySet(), bundle.files().files().keySet());
                for (Map.Entry<String, byte[]> file : expected.entrySet()) {
                    assertArrayEquals(file.getValue(), bundle.files().files().get(file.getKey()), file.getKey());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}

package io.dedicate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleDigestTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> bundle() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("catalog.json", bytes("{\"services\": []}\n"));
        files.put("schemas/a/b/service_instance.create.json", bytes("{}\n"));
        files.put("pipelines/a/deploy.yml.j2", bytes("jobs: []\n"));
        return files;
    }

    @Test
    void followsTheDocumentedAlgorithm() throws Exception {
        // Spelled out by hand for two files, in sorted order ("a.txt" < "b/c.txt").
        HexFormat hex = HexFormat.of();
        String a = hex.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes("alpha")));
        String c = hex.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes("")));
        String input = "a.txt\0" + a + "\n" + "b/c.txt\0" + c + "\n";
        String expected =
                "sha256:" + hex.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(input)));

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("b/c.txt", bytes(""));
        files.put("a.txt", bytes("alpha"));
        assertEquals(expected, BundleDigest.of(files));
    }

    @Test
    void theEmptyBundle() {
        assertEquals(
                "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", BundleDigest.of(Map.of()));
    }

    @Test
    void doesNotDependOnTheOrderFilesWereWritten() {
        Map<String, byte[]> reversed = new LinkedHashMap<>();
        bundle().entrySet().stream()
                .sorted(Map.Entry.<String, byte[]>comparingByKey().reversed())
                .forEach(e -> reversed.put(e.getKey(), e.getValue()));
        assertEquals(BundleDigest.of(bundle()), BundleDigest.of(reversed));
    }

    @Test
    void ignoresModelJsonItself() {
        Map<String, byte[]> withModel = bundle();
        withModel.put(BundleLayout.MODEL, bytes("{\"format\": 1}\n"));
        assertEquals(BundleDigest.of(bundle()), BundleDigest.of(withModel));
    }

    @Test
    void changesWithOneByteOfAnyFile() {
        String digest = BundleDigest.of(bundle());
        for (Map.Entry<String, byte[]> file : bundle().entrySet()) {
            Map<String, byte[]> changed = bundle();
            byte[] content = file.getValue().clone();
            content[0] ^= 1;
            changed.put(file.getKey(), content);
            assertNotEquals(digest, BundleDigest.of(changed), file.getKey());
        }
    }

    @Test
    void changesWhenAFileIsRenamedAddedOrRemoved() {
        String digest = BundleDigest.of(bundle());
        Map<String, byte[]> renamed = bundle();
        renamed.remove("pipelines/a/deploy.yml.j2");
        renamed.put("pipelines/a/recreate.yml.j2", bytes("jobs: []\n"));
        assertNotEquals(digest, BundleDigest.of(renamed));
        Map<String, byte[]> added = bundle();
        added.put("manifests/a/manifest.yml.j2", bytes(""));
        assertNotEquals(digest, BundleDigest.of(added));
        Map<String, byte[]> removed = bundle();
        removed.remove("catalog.json");
        assertNotEquals(digest, BundleDigest.of(removed));
    }

    @Test
    void pathAndContentBoundariesCannotBeConfused() {
        Map<String, byte[]> one = Map.of("ab", bytes("c"));
        Map<String, byte[]> other = Map.of("a", bytes("bc"));
        assertNotEquals(BundleDigest.of(one), BundleDigest.of(other));
    }

    @Test
    void verifiesTheFilesItWasComputedOver() {
        String digest = BundleDigest.of(bundle());
        assertTrue(BundleDigest.verify(bundle(), digest));
        Map<String, byte[]> withModel = bundle();
        withModel.put(BundleLayout.MODEL, bytes("{\"digest\": \"" + digest + "\"}\n"));
        assertTrue(BundleDigest.verify(withModel, digest), "model.json, which holds the digest, is not covered");
    }

    @Test
    void refusesChangedAddedOrRemovedFiles() {
        String digest = BundleDigest.of(bundle());
        Map<String, byte[]> changed = bundle();
        changed.put("catalog.json", bytes("{\"services\": [1]}\n"));
        assertFalse(BundleDigest.verify(changed, digest));
        Map<String, byte[]> added = bundle();
        added.put("manifests/a/manifest.yml.j2", bytes("name: x\n"));
        assertFalse(BundleDigest.verify(added, digest));
        Map<String, byte[]> removed = bundle();
        removed.remove("catalog.json");
        assertFalse(BundleDigest.verify(removed, digest));
    }

    @Test
    void refusesMalformedDigests() {
        String digest = BundleDigest.of(bundle());
        String hex = digest.substring(BundleDigest.PREFIX.length());
        assertFalse(BundleDigest.verify(bundle(), hex), "without the algorithm prefix");
        assertFalse(BundleDigest.verify(bundle(), "sha512:" + hex));
        assertFalse(BundleDigest.verify(bundle(), BundleDigest.PREFIX + hex.toUpperCase(java.util.Locale.ROOT)));
        assertFalse(BundleDigest.verify(bundle(), BundleDigest.PREFIX + hex.substring(1)));
        assertFalse(BundleDigest.verify(bundle(), ""));
    }
}

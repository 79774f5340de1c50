package io.dedicate.broker.git;

import static io.dedicate.broker.git.Changes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree cache holds the trees of the branch's tip, not every version of them the commits replaced. */
class TreeCacheTest {
    @TempDir
    Path data;

    @Test
    void aRewrittenTreeTakesThePlaceOfTheOneItWasWrittenFrom() throws IOException {
        try (FileRepository repository =
                new FileRepository(data.resolve("repo.git").toFile())) {
            repository.create(true);
            TreeCache cache = new TreeCache(8L * 1024 * 1024);
            try (ObjectInserter inserter = repository.newObjectInserter();
                    ObjectReader reader = repository.newObjectReader()) {
                TreeEditor editor = new TreeEditor(reader, inserter, cache);
                // 500 instance folders: the space folder is rewritten 500 times as it grows (4.5 MB of versions)
                ObjectId root = commit(editor, null, "space/i0/vars.yml", 0);
                for (int i = 1; i < 500; i++) {
                    root = commit(editor, root, "space/i" + i + "/vars.yml", i);
                }
                inserter.flush();
                assertThat(cache.sizeBytes()).isEqualTo(treeBytes(reader, root)).isGreaterThan(TreeCache.MIN_BYTES);

                for (int i = 0; i < 500; i++) {
                    root = commit(editor, root, "space/i" + i + "/vars.yml", 500 + i);
                }
                Map<String, byte[]> files = new HashMap<>();
                for (int i = 0; i < 150; i++) {
                    files.put("other/file-" + i, bytes("file " + i));
                }
                root = editor.apply(
                        editor.plan(
                                new ChangeSet("op-other", "write other", ".dedicate/operation", files, Set.of()),
                                bytes("operation other\n")),
                        root);
                inserter.flush();
                long withOther = cache.sizeBytes();
                assertThat(withOther).isEqualTo(treeBytes(reader, root));

                // a folder a commit removes leaves the cache too (its own tree: big folders below it age out)
                root = editor.apply(
                        editor.plan(
                                new ChangeSet(
                                        "op-delete", "delete other", ".dedicate/operation", Map.of(), Set.of("other")),
                                bytes("operation delete\n")),
                        root);
                inserter.flush();
                assertThat(cache.sizeBytes()).isEqualTo(treeBytes(reader, root)).isLessThan(withOther);
            }
        }
    }

    private static ObjectId commit(TreeEditor editor, @Nullable ObjectId root, String path, int operation)
            throws IOException {
        ChangeSet change = new ChangeSet(
                "op-" + operation, "write " + path, ".dedicate/operation", Map.of(path, bytes(path)), Set.of());
        return editor.apply(editor.plan(change, bytes("operation " + operation + "\n")), root);
    }

    /** The size of every distinct tree of {@code root} that is big enough to be cached, itself included. */
    private static long treeBytes(ObjectReader reader, ObjectId root) throws IOException {
        Set<ObjectId> trees = new HashSet<>();
        trees.add(root);
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(root);
            walk.setRecursive(true);
            walk.setPostOrderTraversal(true);
            while (walk.next()) {
                if (walk.isSubtree()) {
                    trees.add(walk.getObjectId(0));
                }
            }
        }
        long bytes = 0;
        for (ObjectId tree : trees) {
            long size = reader.getObjectSize(tree, Constants.OBJ_TREE);
            bytes += size >= TreeCache.MIN_BYTES ? size : 0;
        }
        return bytes;
    }
}

package io.dedicate.broker.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.Paths;
import org.jspecify.annotations.Nullable;

/**
 * Applies a change set to a tree by rewriting only the trees along the changed paths.
 *
 * <p>The cost of a commit is proportional to the size of the trees on the changed paths, not to the number of files
 * in the repository: every other entry of a rewritten tree is copied as it is (name, mode and id), and untouched
 * subtrees are never opened. Entries are written in git's canonical order (a folder sorts as if its name ended with
 * '/'), by merging the old entries, already in that order, with the few new ones.
 */
final class TreeEditor {
    private static final int TREE_BITS = FileMode.TREE.getBits();

    private final ObjectReader reader;
    private final ObjectInserter inserter;
    private final TreeCache cache;

    TreeEditor(ObjectReader reader, ObjectInserter inserter, TreeCache cache) {
        this.reader = reader;
        this.inserter = inserter;
        this.cache = cache;
    }

    /** One path of a change set: a folder with edits below it, a file to write, or something to delete. */
    static final class Edit {
        final byte[] name;
        final Map<String, Edit> children = new HashMap<>();
        boolean deleteFirst;
        boolean writesBelow;

        @Nullable
        ObjectId blob;

        Edit(byte[] name) {
            this.name = name;
        }

        Edit child(String childName) {
            return children.computeIfAbsent(childName, name -> new Edit(name.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The children of {@code folder} sorted by name bytes, for {@link #find}. */
    private static Edit[] sortedChildren(Edit folder) {
        Edit[] sorted = folder.children.values().toArray(new Edit[0]);
        Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(a.name, b.name));
        return sorted;
    }

    /** The index in {@code sorted} of the edit named like the entry name in {@code buffer}, or -1 (binary search). */
    private static int find(Edit[] sorted, byte[] buffer, int offset, int length) {
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            byte[] name = sorted[middle].name;
            int order = Arrays.compareUnsigned(name, 0, name.length, buffer, offset, offset + length);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /**
     * Turns a change set into edits, inserting the written files (and the marker holding {@code markerContent}) as
     * blobs. Deletes come first, so a change set can delete a folder and write it anew.
     */
    Edit plan(ChangeSet change, byte[] markerContent) throws IOException {
        Edit root = new Edit(new byte[0]);
        for (String delete : change.deletes()) {
            Edit edit = descend(root, delete, false);
            edit.deleteFirst = true;
        }
        for (Map.Entry<String, byte[]> write : change.writes().entrySet()) {
            descend(root, write.getKey(), true).blob = inserter.insert(Constants.OBJ_BLOB, write.getValue());
        }
        descend(root, change.markerPath(), true).blob = inserter.insert(Constants.OBJ_BLOB, markerContent);
        return root;
    }

    private static Edit descend(Edit root, String path, boolean write) {
        Edit edit = root;
        if (write) {
            edit.writesBelow = true;
        }
        for (String segment : RepositoryPath.segments(path)) {
            edit = edit.child(segment);
            if (write) {
                edit.writesBelow = true;
            }
        }
        return edit;
    }

    /** Applies {@code root} to {@code baseTree} (null for an empty repository) and returns the new root tree. */
    ObjectId apply(Edit root, @Nullable AnyObjectId baseTree) throws IOException {
        ObjectId tree = rewrite(root, baseTree);
        return tree != null ? tree : insertTree(new TreeFormatter(), null);
    }

    /** The entry that replaces an old entry (mode 0: absent) under {@code edit}, or null when nothing remains. */
    private @Nullable NewEntry applyEntry(Edit edit, int oldMode, @Nullable ObjectId oldId) throws IOException {
        if (edit.blob != null) {
            return new NewEntry(edit.name, FileMode.REGULAR_FILE.getBits(), edit.blob);
        }
        boolean oldIsTree = oldId != null && (oldMode & FileMode.TYPE_MASK) == TREE_BITS;
        if (!edit.writesBelow && !edit.deleteFirst && !oldIsTree) {
            return oldId == null ? null : new NewEntry(edit.name, oldMode, oldId);
        }
        if (edit.deleteFirst) {
            cache.forget(oldIsTree ? oldId : null); // the folder goes, or is written anew from nothing
            if (!edit.writesBelow) {
                return null;
            }
        }
        ObjectId tree = rewrite(edit, oldIsTree && !edit.deleteFirst ? oldId : null);
        return tree == null ? null : new NewEntry(edit.name, TREE_BITS, tree);
    }

    /** Rewrites one tree; returns null when it ends up empty (git stores no empty folders). */
    private @Nullable ObjectId rewrite(Edit folder, @Nullable AnyObjectId baseTree) throws IOException {
        byte[] raw = baseTree == null ? new byte[0] : cache.raw(reader, baseTree);
        Edit[] edits = sortedChildren(folder);
        int editCount = edits.length;
        int[] oldModes = new int[editCount];
        @Nullable ObjectId[] oldIds = new ObjectId[editCount];
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(raw);
        for (int found = 0; !parser.eof() && found < editCount; parser.next(1)) {
            int index = find(edits, parser.getEntryPathBuffer(), parser.getNameOffset(), parser.getNameLength());
            if (index >= 0) {
                oldModes[index] = parser.getEntryRawMode();
                oldIds[index] = parser.getEntryObjectId();
                found++;
            }
        }
        List<NewEntry> added = new ArrayList<>(editCount);
        for (int i = 0; i < editCount; i++) {
            NewEntry entry = applyEntry(edits[i], oldModes[i], oldIds[i]);
            if (entry != null) {
                added.add(entry);
            }
        }
        added.sort(NewEntry::compareTo);

        TreeFormatter formatter = new TreeFormatter(raw.length + 64 * added.size());
        boolean empty = true;
        int next = 0;
        for (parser.reset(raw); !parser.eof(); parser.next(1)) {
            byte[] buffer = parser.getEntryPathBuffer();
            int offset = parser.getNameOffset();
            int length = parser.getNameLength();
            if (find(edits, buffer, offset, length) >= 0) {
                continue;
            }
            int mode = parser.getEntryRawMode();
            while (next < added.size() && added.get(next).compareTo(buffer, offset, length, mode) < 0) {
                added.get(next++).appendTo(formatter);
            }
            formatter.append(buffer, offset, length, FileMode.fromBits(mode), parser.idBuffer(), parser.idOffset());
            empty = false;
        }
        while (next < added.size()) {
            added.get(next++).appendTo(formatter);
            empty = false;
        }
        if (empty) {
            cache.forget(baseTree);
            return null;
        }
        return insertTree(formatter, baseTree);
    }

    /** Inserts a tree written in place of {@code replaced} (null for a new folder). */
    private ObjectId insertTree(TreeFormatter formatter, @Nullable AnyObjectId replaced) throws IOException {
        byte[] bytes = formatter.toByteArray();
        ObjectId id = inserter.insert(Constants.OBJ_TREE, bytes);
        cache.replace(replaced, id, bytes);
        return id;
    }

    /** The blob at {@code path} under {@code tree}, or null when there is no file there. */
    static @Nullable ObjectId findFile(ObjectReader reader, TreeCache cache, AnyObjectId tree, String path)
            throws IOException {
        List<String> segments = RepositoryPath.segments(path);
        AnyObjectId current = tree;
        CanonicalTreeParser parser = new CanonicalTreeParser();
        for (int i = 0; i < segments.size(); i++) {
            byte[] name = segments.get(i).getBytes(StandardCharsets.UTF_8);
            parser.reset(cache.raw(reader, current));
            boolean found = false;
            for (; !parser.eof(); parser.next(1)) {
                if (parser.getNameLength() == name.length
                        && Arrays.equals(
                                name,
                                0,
                                name.length,
                                parser.getEntryPathBuffer(),
                                parser.getNameOffset(),
                                parser.getNameOffset() + name.length)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return null;
            }
            int type = parser.getEntryRawMode() & FileMode.TYPE_MASK;
            boolean last = i == segments.size() - 1;
            if (last) {
                return type == FileMode.TYPE_FILE ? parser.getEntryObjectId() : null;
            }
            if (type != TREE_BITS) {
                return null;
            }
            current = parser.getEntryObjectId();
        }
        return null;
    }

    /** An entry a change set adds or replaces. */
    private static final class NewEntry {
        private final byte[] name;
        private final int mode;
        private final ObjectId id;

        NewEntry(byte[] name, int mode, ObjectId id) {
            this.name = name;
            this.mode = mode;
            this.id = id;
        }

        int compareTo(NewEntry other) {
            return Paths.compare(name, 0, name.length, mode, other.name, 0, other.name.length, other.mode);
        }

        int compareTo(byte[] buffer, int offset, int length, int otherMode) {
            return Paths.compare(name, 0, name.length, mode, buffer, offset, offset + length, otherMode);
        }

        void appendTo(TreeFormatter formatter) {
            formatter.append(name, 0, name.length, FileMode.fromBits(mode), id);
        }
    }
}

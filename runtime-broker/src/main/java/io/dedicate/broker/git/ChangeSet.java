package io.dedicate.broker.git;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One commit's worth of changes to the deployment repository, tied to one operation.
 *
 * <p>The deployer applies the deletes first, then the writes, then writes the operation id into {@code markerPath};
 * so a change set may delete an instance folder and write it anew. Paths use '/' and are relative to the repository
 * root, for example {@code org-guid/space-guid/instance-id/pipeline.yml}.
 *
 * @param operationId the operation this commit belongs to; written to {@code markerPath} and to the commit message's
 *     {@code Operation-Id:} trailer, so that a restarted broker can tell whether the commit happened
 * @param message the full commit message (subject, blank line, body); the deployer appends the trailer
 * @param markerPath the file that receives {@code operationId + "\n"}, e.g. {@code org/space/instance/operation}
 * @param writes files to create or replace, path to content (sorted by path); must not contain {@code markerPath}.
 *     The byte arrays are copies; do not modify the arrays handed out by this accessor.
 * @param deletes files or folders to remove (a folder with its whole subtree), sorted
 */
public record ChangeSet(
        String operationId, String message, String markerPath, Map<String, byte[]> writes, Set<String> deletes) {

    /** Checks every path and the operation id, and takes sorted, immutable copies of the writes and deletes. */
    public ChangeSet {
        if (operationId == null || operationId.isBlank()) {
            throw new IllegalArgumentException("change set has no operation id");
        }
        if (!operationId.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("operation id '" + operationId
                    + "' must be printable ASCII without spaces (it is written to a marker file and a commit trailer)");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("change set of operation " + operationId + " has no commit message");
        }
        RepositoryPath.requireValid(markerPath, "marker path of operation " + operationId);
        TreeMap<String, byte[]> sortedWrites = new TreeMap<>();
        for (Map.Entry<String, byte[]> write : writes.entrySet()) {
            String path = RepositoryPath.requireValid(write.getKey(), "written path of operation " + operationId);
            if (path.equals(markerPath)) {
                throw new IllegalArgumentException("written path '" + path + "' of operation " + operationId
                        + " is the marker path: the deployer writes the marker itself");
            }
            sortedWrites.put(path, write.getValue().clone());
        }
        TreeSet<String> sortedDeletes = new TreeSet<>();
        for (String delete : deletes) {
            sortedDeletes.add(RepositoryPath.requireValid(delete, "deleted path of operation " + operationId));
        }
        requireNoFileInsideAnotherFile(sortedWrites.keySet(), markerPath, operationId);
        writes = Collections.unmodifiableSortedMap(sortedWrites);
        deletes = Collections.unmodifiableSortedSet(sortedDeletes);
    }

    /** A file cannot also be a folder: "a/b" and "a/b/c" cannot both be written. */
    private static void requireNoFileInsideAnotherFile(Set<String> written, String markerPath, String operationId) {
        Set<String> files = new TreeSet<>(written);
        files.add(markerPath);
        for (String path : files) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                String folder = path.substring(0, slash);
                if (files.contains(folder)) {
                    throw new IllegalArgumentException("operation " + operationId + " writes both the file '" + folder
                            + "' and '" + path + "' inside it: a path cannot be a file and a folder");
                }
            }
        }
    }
}

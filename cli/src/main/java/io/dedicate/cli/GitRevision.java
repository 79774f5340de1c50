package io.dedicate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A folder of the working tree as it was at a git revision ({@code dedicate diff --since REV}), read
 * with JGit from the repository that holds the folder and written to a temporary folder to compile.
 */
final class GitRevision {

    private GitRevision() {}

    /** What {@link #checkout} wrote: the folder at the revision, inside {@code root}. */
    record Checkout(Path root, Path folder, String repositoryPath) {}

    /**
     * Writes the files under {@code folder} (a folder of a git working tree) as they are at {@code
     * revision} into {@code target}, keeping their paths relative to the working tree's root.
     *
     * @throws IllegalArgumentException with a message for the user: no repository, an unknown
     *     revision, a folder that did not exist at the revision
     */
    static Checkout checkout(Path folder, String revision, Path target) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(absolute.toFile());
        if (builder.getGitDir() == null) {
            throw new IllegalArgumentException(
                    "--since " + revision + ": " + folder + " is not inside a git repository");
        }
        try (Repository repository = builder.setMustExist(true).build()) {
            if (repository.isBare()) {
                throw new IllegalArgumentException("--since " + revision + ": " + folder + " is in a bare repository");
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            Path relative = workTree.relativize(absolute.toRealPath());
            String repositoryPath = relative.toString().replace('\\', '/');
            ObjectId commitId;
            try {
                commitId = repository.resolve(revision + "^{commit}");
            } catch (RevisionSyntaxException e) {
                commitId = null;
            }
            if (commitId == null) {
                throw new IllegalArgumentException("--since " + revision + ": no such revision in " + workTree);
            }
            int written = 0;
            try (RevWalk walk = new RevWalk(repository);
                    TreeWalk tree = new TreeWalk(repository)) {
                RevCommit commit = walk.parseCommit(commitId);
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                if (!repositoryPath.isEmpty()) {
                    tree.setFilter(PathFilter.create(repositoryPath));
                }
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                        continue;
                    }
                    Path file = target.resolve(tree.getPathString()).normalize();
                    if (!file.startsWith(target)) {
                        continue;
                    }
                    Files.createDirectories(file.getParent());
                    try (OutputStream out = Files.newOutputStream(file)) {
                        repository.open(tree.getObjectId(0)).copyTo(out);
                    }
                    written++;
                }
            }
            if (written == 0) {
                throw new IllegalArgumentException("--since " + revision + ": `"
                        + (repositoryPath.isEmpty() ? "." : repositoryPath) + "` has no files at " + revision);
            }
            return new Checkout(target, target.resolve(repositoryPath), repositoryPath);
        }
    }
}

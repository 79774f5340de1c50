package io.dedicate.broker.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/** Reads the broker's bare deployment repository as Concourse would: files and commits of {@code main}. */
final class DeploymentRepository {

    private final Path gitDir;

    DeploymentRepository(Path gitDir) {
        this.gitDir = gitDir;
    }

    /** The file at the tip of main, or null. */
    @Nullable
    String read(String path) {
        try (Repository repository = open();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId tip = repository.resolve("refs/heads/main");
            if (tip == null) {
                return null;
            }
            RevCommit commit = walk.parseCommit(tip);
            try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
                if (tree == null) {
                    return null;
                }
                return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Full messages of main's commits, newest first. */
    List<String> messages() {
        List<String> messages = new ArrayList<>();
        try (Repository repository = open();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId tip = repository.resolve("refs/heads/main");
            if (tip == null) {
                return messages;
            }
            walk.markStart(walk.parseCommit(tip));
            for (RevCommit commit : walk) {
                messages.add(commit.getFullMessage());
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages of the operations' commits (not the meta pipeline's), newest first. */
    List<String> operationMessages() {
        return messages().stream().filter(m -> !m.startsWith("meta pipeline:")).toList();
    }

    /** Number of operation commits. */
    int commitCount() {
        return operationMessages().size();
    }

    /**
     * Walks every commit reachable from every ref (all branches and tags, the whole history, not only main's tip) and
     * every blob of every commit's tree, and fails naming the commit and path of any blob or commit message that
     * contains one of {@code secrets}. Returns how many distinct blobs were read (so a caller can tell it read
     * something).
     */
    int assertNoBlobContains(String... secrets) {
        java.util.Set<ObjectId> seen = new java.util.HashSet<>();
        try (Repository repository = open();
                RevWalk walk = new RevWalk(repository)) {
            for (org.eclipse.jgit.lib.Ref ref : repository.getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null) {
                    walk.markStart(walk.parseCommit(ref.getObjectId()));
                }
            }
            for (RevCommit commit : walk) {
                for (String secret : secrets) {
                    if (commit.getFullMessage().contains(secret)) {
                        throw new AssertionError("commit " + commit.name() + "'s message contains a secret");
                    }
                }
                try (TreeWalk tree = new TreeWalk(repository)) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        ObjectId blob = tree.getObjectId(0);
                        if (!seen.add(blob)) {
                            continue;
                        }
                        String text = new String(repository.open(blob).getBytes(), StandardCharsets.UTF_8);
                        for (String secret : secrets) {
                            if (text.contains(secret)) {
                                throw new AssertionError("blob " + tree.getPathString() + " of commit " + commit.name()
                                        + " contains a secret (" + secret.length() + " characters)");
                            }
                        }
                    }
                }
            }
            return seen.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
    }
}

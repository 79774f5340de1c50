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

    private Repository open() throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
    }
}

package io.dedicate.broker.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits rendered files into the deployment repository that Concourse watches. One instance per broker,
 * thread-safe.
 *
 * <p>The repository is bare and no working tree or index is ever built: a commit inserts the written files as blobs,
 * rewrites only the trees along the changed paths ({@link TreeEditor}), inserts the commit and moves the branch with a
 * compare-and-swap on the old tip. So a commit costs a few milliseconds whatever the number of instance folders. When
 * the swap fails (another broker replica committed first), the same change set is applied again on the new tip:
 * nothing is lost, nothing is forced.
 *
 * <p>With a remote, the local repository is a mirror: the commit is built on the remote-tracking tip and pushed
 * without force; a rejected push is followed by a fetch and the change set is applied again on the fetched tip (the
 * rebase of a change set made of "write these files, delete these folders" is exact), a bounded number of times.
 *
 * <p>Every commit writes its operation id into the change set's marker file and into an {@code Operation-Id:}
 * trailer. A broker restarted between its commit and its database write finds the id at the tip and does not commit
 * twice ({@link CommitResult#alreadyCommitted()}).
 */
public final class GitDeployer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitDeployer.class);

    /** Attempts of the compare-and-swap on the local branch before giving up (other replicas keep winning). */
    private static final int LOCAL_ATTEMPTS = 50;

    /** Attempts of a push to the remote before giving up (the remote keeps moving). */
    private static final int PUSH_ATTEMPTS = 8;

    /**
     * zlib level of the objects the deployer writes ({@code core.compression}, set when the repository is created).
     * A space folder with thousands of instances is a tree of hundreds of kilobytes, written anew by every commit to
     * one of them: level 1 deflates it several times faster than git's default level 6, for slightly bigger loose
     * objects (a {@code git gc} packs them anyway).
     */
    private static final int FAST_COMPRESSION = 1;

    /**
     * Packs above which a packing repacks everything ({@code gc.autoPackLimit}, 50 in git): below it, each packing
     * only packs the loose objects into a pack of their own. Every object lookup that misses the cache searches each
     * pack's index; 20 packs of 5,000 objects are about 100,000 objects, 12,000 provisions between full repacks.
     */
    static final int PACKS_BEFORE_REPACK = 20;

    /**
     * Room for the trees along the paths of the last few commits: a commit reads the trees the previous one wrote
     * (the root, an org's and a space's tree), and trees of up to a quarter of it are cached (a space tree of
     * 10,000 instances is about 600 kB). A rewritten tree takes the place of the one it replaces ({@link
     * TreeCache#replace}), so the cache holds trees of the tip; beyond the commit's own path they are only read again
     * when a later commit touches the same org (at 64 MB, before trees were replaced, they were a large part of the
     * live heap with a few thousand instances; benchmarks/broker-bench.sh prints the heap).
     */
    private static final long TREE_CACHE_BYTES = 8L * 1024 * 1024;

    /**
     * How old a pack must be for a packing to delete it once the new pack holds its objects ({@code
     * gc.prunePackExpire}). JGit's default, an hour, is for other processes that may still be reading it; the broker
     * owns its repository (the data directory's lock) and JGit finds an object again in the new pack when an old one
     * is gone. With the default, every packing within the hour left a full pack behind, and JGit keeps every pack's
     * index and bitmap on the heap: about 19 MB of a 175 MB live heap with 10,000 instances, growing with each
     * packing (benchmarks/broker-bench.sh prints the heap).
     */
    private static final String PACK_EXPIRY = "1.minute.ago";

    /**
     * JGit's pack caches (one per JVM): the pack windows it reads ({@code core.packedGitLimit}, 10 MB by default)
     * and the delta bases it resolves ({@code core.deltaBaseCacheLimit}, 10 MB). The broker reads packs only for
     * the trees along a commit's paths (kept parsed in {@link #TREE_CACHE_BYTES}) and a marker blob, and packing reads
     * every object once; both caches filled up after the first packing and stayed full on the heap (soft references
     * the serial collector keeps while the heap has room).
     */
    private static final int PACK_CACHE_BYTES = 2 * 1024 * 1024;

    static {
        WindowCacheConfig packCaches = new WindowCacheConfig();
        packCaches.setPackedGitLimit(PACK_CACHE_BYTES);
        packCaches.setDeltaBaseCacheLimit(PACK_CACHE_BYTES);
        packCaches.install();
    }

    /** How long the health waits for a landing of this process to end before it looks at a lock file anyway. */
    private static final Duration LANDING_WAIT = Duration.ofSeconds(2);

    private final GitSettings settings;
    private final Repository repository;
    private final @Nullable RemoteSync remote;
    private final String tipRef;
    private final String description;
    private final ReentrantLock commitLock = new ReentrantLock();
    /**
     * Held while this process moves the branch (a push, or the local ref update): either takes the branch's lock file
     * (the remote's, for a remote reachable as a path) for a moment, so the health looks at lock files between
     * landings only and never reports the broker's own.
     */
    private final ReentrantLock landingLock = new ReentrantLock();

    private final TreeCache trees = new TreeCache(TREE_CACHE_BYTES);

    private GitDeployer(GitSettings settings, Repository repository, @Nullable RemoteSync remote) {
        this.settings = settings;
        this.repository = repository;
        this.remote = remote;
        this.tipRef = remote == null ? Constants.R_HEADS + settings.branch() : remote.trackingRef();
        this.description = remote == null
                ? "deployment repository " + settings.localRepository()
                : "deployment repository " + settings.redactedRemoteUri();
    }

    /**
     * Opens the deployment repository: creates the local bare repository (HEAD on the configured branch) on first
     * start; with a remote, creates the mirror and fetches the remote (a failing first fetch is an error, a failing
     * later one only a warning: the next push will tell).
     */
    public static GitDeployer open(GitSettings settings) throws GitDeployException {
        Path directory = settings.localRepository();
        Repository repository;
        boolean created;
        try {
            Files.createDirectories(settings.dataDirectory());
            created = !Files.exists(directory.resolve("HEAD"));
            repository = created ? initialize(directory, settings.branch()) : openExisting(directory);
        } catch (IOException | GitAPIException e) {
            throw new GitDeployException(
                    "cannot open the local git repository " + directory + ": " + e.getMessage(), e);
        }
        if (!settings.hasRemote()) {
            return new GitDeployer(settings, repository, null);
        }
        RemoteSync remote;
        try {
            remote = new RemoteSync(repository, settings);
        } catch (IOException | RuntimeException e) {
            repository.close();
            throw new GitDeployException(
                    "cannot set up the git remote " + settings.redactedRemoteUri() + ": " + e.getMessage(), e);
        }
        GitDeployer deployer = new GitDeployer(settings, repository, remote);
        try {
            remote.fetch();
        } catch (IOException | RuntimeException e) {
            if (created) {
                deployer.close();
                throw new GitDeployException(
                        "cannot fetch the deployment repository " + settings.redactedRemoteUri() + " into " + directory
                                + ": " + e.getMessage(),
                        e);
            }
            LOG.warn(
                    "Could not fetch {} on start, using the mirror as it is: {}", deployer.description, e.getMessage());
        }
        return deployer;
    }

    private static Repository initialize(Path directory, String branch) throws IOException, GitAPIException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(directory + " exists, is not empty and is not a git repository");
                }
            }
        }
        Git.init()
                .setBare(true)
                .setDirectory(directory.toFile())
                .setInitialBranch(branch)
                .call()
                .close();
        Repository repository = openExisting(directory);
        StoredConfig config = repository.getConfig();
        config.setInt(
                ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_COMPRESSION, FAST_COMPRESSION);
        config.save();
        return repository;
    }

    private static Repository openExisting(Path directory) throws IOException {
        Repository repository = new FileRepositoryBuilder()
                .setGitDir(directory.toFile())
                .setMustExist(true)
                .build();
        if (!repository.isBare()) {
            repository.close();
            throw new IOException(directory + " is a git repository with a working tree; a bare repository is needed");
        }
        return repository;
    }

    /**
     * Has JGit fsync every loose object file ({@code core.fsyncObjectFiles}, read by {@code ObjectDirectoryInserter}
     * through {@code WriteConfig}) and every ref file ({@code core.fsyncRefFiles}, read by {@code RefDirectoryUpdate},
     * which calls {@code LockFile.setFSync}) before renaming it into place. Set in memory before every commit, not
     * saved: C git warns that {@code core.fsyncObjectFiles} is deprecated (it reads {@code core.fsync}, which JGit
     * does not), and a config file changed on disk is reloaded by JGit without them.
     */
    private void syncOnWrite() {
        StoredConfig config = repository.getConfig();
        boolean objects = config.getBoolean(ConfigConstants.CONFIG_CORE_SECTION, "fsyncObjectFiles", false);
        boolean refs = config.getBoolean(ConfigConstants.CONFIG_CORE_SECTION, "fsyncRefFiles", false);
        if (!objects || !refs) {
            config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "fsyncObjectFiles", true);
            config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "fsyncRefFiles", true);
        }
    }

    /**
     * Commits the change set on the branch tip; if the tip's file at the change set's marker path already holds its
     * operation id (the operation was committed before a restart), commits nothing and returns {@code
     * alreadyCommitted=true} with the existing tip. Retries on concurrent updates (local) or rejected pushes (remote).
     */
    public CommitResult commit(ChangeSet change) throws GitDeployException {
        return commitAtTip(() -> change);
    }

    /**
     * Commits a change set computed from the current state of things each time the branch tip is
     * read, that is once per attempt: for content derived from shared state (the meta pipeline lists
     * every instance), so that a retry after a concurrent commit never lands a stale view over a
     * newer one. Otherwise as {@link #commit}. The supplier may return the same instance again
     * (then the planned tree edits are reused: that is what the reference comparison checks).
     */
    @SuppressWarnings("ReferenceEquality")
    public CommitResult commitAtTip(Supplier<ChangeSet> changeAtTip) throws GitDeployException {
        @Nullable ChangeSet change = null;
        syncOnWrite();
        commitLock.lock();
        try (NewObjects inserter = new NewObjects(repository.newObjectInserter());
                ObjectReader reader = inserter.newReader();
                RevWalk walk = new RevWalk(reader)) {
            TreeEditor editor = new TreeEditor(reader, inserter, trees);
            TreeEditor.Edit plan = null;
            for (int attempt = 1; ; attempt++) {
                ObjectId tip = tip();
                ChangeSet atTip = changeAtTip.get();
                if (atTip != change) {
                    change = atTip;
                    plan = null;
                }
                ChangeSet current = atTip;
                byte[] marker = markerContent(current.operationId());
                if (tip != null && holdsMarker(reader, walk, tip, current.markerPath(), marker)) {
                    return new CommitResult(tip.name(), true);
                }
                if (plan == null) {
                    plan = editor.plan(current, marker);
                }
                ObjectId tree = editor.apply(
                        plan, tip == null ? null : walk.parseCommit(tip).getTree());
                ObjectId commit = inserter.insert(commitOf(current, tree, tip));
                inserter.flush();
                Landing landing = land(commit, tip, current);
                if (landing == Landing.LANDED && remote == null) {
                    inserter.syncFolders(settings.localRepository(), refFile());
                }
                if (landing != Landing.REJECTED) {
                    // kept until a commit lands, not reset per commit: the health reads it between commits
                    lastLockFailure = null;
                    return new CommitResult(commit.name(), landing == Landing.ALREADY_THERE);
                }
                int attempts = remote == null ? LOCAL_ATTEMPTS : PUSH_ATTEMPTS;
                if (attempt >= attempts) {
                    throw new GitDeployException("commit of operation " + current.operationId() + " to " + description
                            + " gave up after " + attempts + " attempts: the branch '" + settings.branch()
                            + "' kept moving under concurrent commits"
                            + (lastLockFailure == null ? "" : " or stayed locked (lock file " + lastLockFailure + ")")
                            + (remote == null ? "" : " (last push: " + remote.lastRejection() + ")")
                            + remoteLockNote());
                }
                backOff(attempt, current);
                if (remote != null) {
                    remote.fetch();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof GitDeployException deployException) {
                throw deployException;
            }
            throw new GitDeployException(
                    "commit of operation " + (change == null ? "(not computed)" : change.operationId()) + " to "
                            + description + " failed: " + e.getMessage(),
                    e);
        } finally {
            commitLock.unlock();
        }
    }

    /** What became of a commit. */
    private enum Landing {
        LANDED,
        ALREADY_THERE,
        REJECTED
    }

    /** Moves the branch (local) or pushes (remote); REJECTED when someone else moved the branch first. */
    private Landing land(ObjectId commit, @Nullable ObjectId tip, ChangeSet change) throws IOException {
        if (remote != null) {
            RemoteSync.PushOutcome pushed;
            landingLock.lock();
            try {
                pushed = remote.push(commit, tip);
            } finally {
                landingLock.unlock();
            }
            return switch (pushed) {
                case PUSHED -> Landing.LANDED;
                case ALREADY_THERE -> Landing.ALREADY_THERE;
                case REJECTED -> Landing.REJECTED;
            };
        }
        RefUpdate update = repository.updateRef(tipRef);
        update.setExpectedOldObjectId(tip == null ? ObjectId.zeroId() : tip);
        update.setNewObjectId(commit);
        update.setRefLogMessage("commit: operation " + change.operationId(), false);
        RefUpdate.Result result;
        landingLock.lock();
        try (RevWalk walk = new RevWalk(repository)) {
            result = update.update(walk);
        } finally {
            landingLock.unlock();
        }
        return switch (result) {
            case NEW, FAST_FORWARD -> Landing.LANDED;
            case NO_CHANGE -> Landing.ALREADY_THERE;
            case LOCK_FAILURE -> lockFailure();
            case REJECTED -> Landing.REJECTED;
            default -> throw new IOException("moving branch '" + settings.branch() + "' ended with " + result);
        };
    }

    /**
     * The branch could not be locked. Another commit of this process cannot hold it (commits are serialized by {@code
     * commitLock}) and no other process commits here (the broker holds the data directory's lock), so the lock file is
     * either held for a moment by a {@code gc} packing refs, or was left by a crash. Named in the log each time, so
     * that a lock that stays is found; start-up removes stale ones.
     */
    private Landing lockFailure() {
        Path lockFile = refFile().resolveSibling(refFile().getFileName() + ".lock");
        if (Files.exists(lockFile)) {
            LOG.warn(
                    "cannot lock branch '{}': the lock file {} exists (a gc packing refs holds it for a moment; one "
                            + "that stays was left by a crash or by another program: remove it when no git process runs on "
                            + "this repository)",
                    settings.branch(),
                    lockFile);
        } else {
            LOG.warn(
                    "cannot lock branch '{}' of {}: its lock file {} was taken and released meanwhile",
                    settings.branch(),
                    description,
                    lockFile);
        }
        lastLockFailure = lockFile.toString();
        return Landing.REJECTED;
    }

    private volatile @Nullable String lastLockFailure;

    /**
     * The lock files that stop commits now and that the broker cannot prove stale (it never removes them): the remote
     * branch's lock file, when the remote is reachable as a path and the file exists; its own branch's lock file, when
     * the last commit could not lock the branch and the file is still there. Both are looked at between this process's
     * own landings, which take the file for a moment. Checked on every call, so a lock that is gone is no longer
     * listed.
     */
    public java.util.List<UnprovenLock> unprovenLocks() {
        java.util.List<UnprovenLock> locks = new java.util.ArrayList<>();
        String remoteUri = settings.remoteUri();
        if (remoteUri != null) {
            StaleLocks.remoteBranchLockFile(remoteUri, settings.branch())
                    .filter(this::existsBetweenLandings)
                    .ifPresent(lock -> locks.add(new UnprovenLock(
                            lock,
                            "the remote repository's branch '" + settings.branch() + "' is locked: another process may"
                                    + " be pushing; commits fail until it is gone (remove it when no git process works"
                                    + " on that repository)")));
        }
        String failed = lastLockFailure;
        if (failed != null && existsBetweenLandings(Path.of(failed))) {
            locks.add(new UnprovenLock(
                    Path.of(failed),
                    "the last commit could not lock branch '" + settings.branch() + "': a git process other than the"
                            + " broker (a gc, another program) holds it; remove it when no git process works on this"
                            + " repository"));
        }
        return locks;
    }

    /**
     * Whether the file exists, looked at while this process is not moving the branch (which may hold it); after
     * {@link #LANDING_WAIT} of a landing that does not end, looked at anyway, so that the health always answers.
     */
    private boolean existsBetweenLandings(Path file) {
        boolean between;
        try {
            between = landingLock.tryLock(LANDING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            between = false;
        }
        try {
            return Files.exists(file);
        } finally {
            if (between) {
                landingLock.unlock();
            }
        }
    }

    /** Names the remote branch's lock file when it exists (a remote reachable as a path), for error messages. */
    private String remoteLockNote() {
        String remoteUri = settings.remoteUri();
        return remoteUri == null
                ? ""
                : StaleLocks.remoteBranchLock(remoteUri, settings.branch())
                        .map(lock -> "; the remote branch's lock file " + lock + " exists (another process may be"
                                + " pushing; remove it when no git process works on that repository)")
                        .orElse("");
    }

    /** The loose ref file of the branch tip. */
    private Path refFile() {
        return settings.localRepository().resolve(tipRef);
    }

    private CommitBuilder commitOf(ChangeSet change, ObjectId tree, @Nullable ObjectId parent) {
        PersonIdent who = new PersonIdent(settings.authorName(), settings.authorEmail());
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(change.message().strip() + "\n\nOperation-Id: " + change.operationId() + "\n");
        return commit;
    }

    private static void backOff(int attempt, ChangeSet change) {
        long millis = Math.min(5L * attempt, 100L) + ThreadLocalRandom.current().nextLong(5L * attempt + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitDeployException(
                    "commit of operation " + change.operationId() + " was interrupted while retrying", e);
        }
    }

    /**
     * True if the tip's marker file at {@code markerPath} holds {@code operationId}. With a remote, fetches first and
     * looks at the fetched tip.
     */
    public boolean isCommitted(String markerPath, String operationId) throws GitDeployException {
        RepositoryPath.requireValid(markerPath, "marker path");
        byte[] marker = markerContent(operationId);
        try {
            if (remote != null) {
                refresh();
            }
            ObjectId tip = tip();
            if (tip == null) {
                return false;
            }
            try (ObjectReader reader = repository.newObjectReader();
                    RevWalk walk = new RevWalk(reader)) {
                return holdsMarker(reader, walk, tip, markerPath, marker);
            }
        } catch (IOException e) {
            throw new GitDeployException(
                    "cannot tell whether operation " + operationId + " is committed to " + description + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Fetches the remote now (nothing to do for a local repository), so that {@link #read(String)} sees the remote's
     * tip.
     */
    public void refresh() throws GitDeployException {
        if (remote == null) {
            return;
        }
        commitLock.lock();
        try {
            remote.fetch();
        } catch (IOException | RuntimeException e) {
            throw new GitDeployException("cannot fetch " + description + ": " + e.getMessage(), e);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Content of a file at the tip, or null if there is none (no commit yet, no such path, or a folder). With a
     * remote, the tip is the last fetched or pushed one; call {@link #refresh()} first for the remote's latest.
     */
    public byte @Nullable [] read(String path) throws GitDeployException {
        RepositoryPath.requireValid(path, "read path");
        try {
            ObjectId tip = tip();
            if (tip == null) {
                return null;
            }
            try (ObjectReader reader = repository.newObjectReader();
                    RevWalk walk = new RevWalk(reader)) {
                ObjectId blob =
                        TreeEditor.findFile(reader, trees, walk.parseCommit(tip).getTree(), path);
                return blob == null
                        ? null
                        : reader.open(blob, Constants.OBJ_BLOB).getBytes();
            }
        } catch (IOException e) {
            throw new GitDeployException("cannot read '" + path + "' from " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * Packs the repository when it holds more than {@code looseObjectLimit} loose objects. Every
     * commit adds loose objects (each rewritten tree along the changed paths is a new object, and
     * a space with thousands of instances has a large tree), so an unpacked repository grows by
     * gigabytes over thousands of operations; packing stores them as deltas. As {@code git gc --auto} does, the loose
     * objects go into a new pack of their own ({@link LooseObjectPacker}) until there are more than {@link
     * #PACKS_BEFORE_REPACK} packs; then JGit's garbage collection repacks everything into one pack and drops what is
     * unreachable (it never prunes recent unreferenced objects, so commits may go on meanwhile).
     *
     * @return true if it packed
     */
    public boolean packIfNeeded(long looseObjectLimit) throws GitDeployException {
        try (Git git = Git.wrap(repository)) {
            GC.RepoStatistics statistics = new GC(fileRepository()).getStatistics();
            if (statistics.numberOfLooseObjects <= looseObjectLimit) {
                return false;
            }
            if (statistics.numberOfPackFiles < PACKS_BEFORE_REPACK) {
                LooseObjectPacker.pack(fileRepository());
                return true;
            }
            repository
                    .getConfig()
                    .setString(
                            ConfigConstants.CONFIG_GC_SECTION,
                            null,
                            ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE,
                            PACK_EXPIRY);
            git.gc().setAggressive(false).call();
            return true;
        } catch (IOException | GitAPIException | RuntimeException e) {
            throw new GitDeployException("packing " + description + " failed: " + e.getMessage(), e);
        }
    }

    private FileRepository fileRepository() throws IOException {
        if (repository instanceof FileRepository file) {
            return file;
        }
        throw new IOException("not a repository on the file system: " + repository);
    }

    /** The id of the branch tip (40 hex digits), or null before the first commit. */
    public @Nullable String tipCommitId() throws GitDeployException {
        try {
            ObjectId tip = tip();
            return tip == null ? null : tip.name();
        } catch (IOException e) {
            throw new GitDeployException("cannot read the branch tip of " + description + ": " + e.getMessage(), e);
        }
    }

    private @Nullable ObjectId tip() throws IOException {
        Ref ref = repository.exactRef(tipRef);
        return ref == null ? null : ref.getObjectId();
    }

    private boolean holdsMarker(ObjectReader reader, RevWalk walk, ObjectId tip, String markerPath, byte[] marker)
            throws IOException {
        ObjectId blob = TreeEditor.findFile(reader, trees, walk.parseCommit(tip).getTree(), markerPath);
        if (blob == null) {
            return false;
        }
        return Arrays.equals(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(), marker);
    }

    private static byte[] markerContent(String operationId) {
        return (operationId + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The URI Concourse should use for this repository: the remote URI, or the local bare repository as a {@code
     * file://} URI.
     */
    public String uri() {
        String remoteUri = settings.remoteUri();
        if (remoteUri != null) {
            return remoteUri;
        }
        String local = settings.localRepository().toUri().toString();
        return local.endsWith("/") ? local.substring(0, local.length() - 1) : local;
    }

    /** The branch Concourse watches. */
    public String branch() {
        return settings.branch();
    }

    /** Absolute path of the local bare repository (the deployment repository itself, or the mirror). */
    public Path localRepository() {
        return settings.localRepository();
    }

    /** Closes the repository and the SSH client. */
    @Override
    public void close() {
        if (remote != null) {
            remote.close();
        }
        repository.close();
    }

    @Override
    public String toString() {
        return "GitDeployer[" + description + ", branch " + settings.branch() + "]";
    }
}

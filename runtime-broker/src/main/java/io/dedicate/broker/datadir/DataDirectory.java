package io.dedicate.broker.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's data directory, held with an exclusive lock ({@code FileChannel.tryLock} on {@code broker.lock}) from
 * start to stop. A second broker on the same directory refuses to start, naming the lock file and the PID that holds
 * it. Holding the lock is what lets the broker call any git lock file it finds at start-up stale: no other broker
 * process works on this directory, and the lock is released by the operating system when the process dies, even by
 * {@code kill -9}.
 *
 * <p>The directory is private: created 0700; at start-up every folder below it is set to 0700 and every file to
 * 0600 (what was changed is logged). The launcher runs the broker with {@code umask 077}, so the files it creates
 * later are private too; without it, they are still unreachable through the 0700 directory.
 */
public final class DataDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    /** The lock file's name in the data directory. */
    public static final String LOCK_FILE = "broker.lock";

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final int EXAMPLES = 5;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed (0700), takes its lock, and makes what is in it private.
     *
     * @throws IllegalStateException if another process (or another broker in this JVM) holds the lock
     */
    public static DataDirectory lock(Path directory) {
        Path path = directory.toAbsolutePath().normalize();
        Path lockFile = path.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            createPrivateDirectories(path);
            channel = posix()
                    ? FileChannel.open(
                            lockFile,
                            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                            PosixFilePermissions.asFileAttribute(FILE))
                    : FileChannel.open(
                            lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data directory's lock file " + lockFile + ": " + e, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock the data directory " + path + " (" + lockFile + "): " + e, e);
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new IllegalStateException("the data directory " + path + " is in use by another broker ("
                    + (holder == null ? "PID unknown" : "PID " + holder) + ", lock file " + lockFile
                    + "): stop it first, or give this broker its own --dedicate.data directory");
        }
        try {
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot write the PID into " + lockFile + ": " + e, e);
        }
        DataDirectory held = new DataDirectory(path, channel, lock);
        held.makePrivate();
        return held;
    }

    /** The data directory (absolute). */
    public Path path() {
        return path;
    }

    /**
     * Sets every folder below the data directory (and itself) to 0700 and every file to 0600, without following
     * links, and logs what it changed. Nothing to do on a file system without POSIX permissions.
     */
    public void makePrivate() {
        if (!posix()) {
            return;
        }
        List<Path> changed = new ArrayList<>();
        int[] counts = new int[2];
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (restrict(dir, FOLDER)) {
                        counts[0]++;
                        note(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile() && restrict(file, FILE)) {
                        counts[1]++;
                        note(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed meanwhile (a git lock, a temporary file)
                }

                private void note(Path changedPath) {
                    if (changed.size() < EXAMPLES) {
                        changed.add(path.relativize(changedPath));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + path + " private: " + e, e);
        }
        if (counts[0] + counts[1] > 0) {
            LOG.info(
                    "Data directory {}: set {} folder(s) to 0700 and {} file(s) to 0600 that others could read "
                            + "(e.g. {})",
                    path,
                    counts[0],
                    counts[1],
                    changed);
        }
    }

    /**
     * Takes group's and others' permissions away, and makes sure the owner can read and write (and enter a folder).
     * A path removed while the walk reaches it (a git temporary object, a lock) needs nothing.
     */
    private static boolean restrict(Path target, Set<PosixFilePermission> ownerNeeds) throws IOException {
        try {
            return restrictExisting(target, ownerNeeds);
        } catch (NoSuchFileException removedMeanwhile) {
            return false;
        }
    }

    private static boolean restrictExisting(Path target, Set<PosixFilePermission> ownerNeeds) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> wanted = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : current) {
            if (permission.name().startsWith("OWNER_")) {
                wanted.add(permission);
            }
        }
        wanted.addAll(ownerNeeds);
        if (wanted.equals(current)) {
            return false;
        }
        Files.setPosixFilePermissions(target, wanted);
        return true;
    }

    private static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FOLDER)}
                : new FileAttribute<?>[0];
        Files.createDirectory(directory, attributes);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static @Nullable String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return null;
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the lock file failed", e);
        }
    }

    /** Releases the lock (the file stays: it is the lock's place, not the lock). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("cannot release the lock of the data directory {}: {}", path, e.toString());
        }
        close(channel);
    }

    @Override
    public String toString() {
        return "DataDirectory[" + path + "]";
    }
}

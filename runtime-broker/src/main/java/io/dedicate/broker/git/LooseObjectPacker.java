package io.dedicate.broker.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.pack.PackConfig;

/**
 * Packs the loose objects of a repository into one new pack, leaving the existing packs as they are: what {@code git
 * gc --auto} does between full repacks ({@code git repack -d}). Its cost is proportional to the loose objects, not
 * to the repository: JGit's garbage collection walks and rewrites every object each time, and with 10,000 instances
 * its lists of 90,000 objects (30 MB) were the largest thing on the broker's heap while it ran, promoted to the old
 * generation and kept there as committed memory.
 *
 * <p>Durable and crash-safe in git's order: the pack and its index are written under temporary names in {@code
 * objects/pack}, forced to disk, renamed (the pack first: a pack without its index is invisible), the folder forced;
 * only then are the loose copies deleted. A crash leaves either the loose objects, or both. Temporary files are named
 * like JGit's ({@code gc_*_tmp}), so that its next full garbage collection removes one a crash left. Objects written
 * while it runs stay loose for the next packing.
 */
final class LooseObjectPacker {
    private static final Pattern FAN_OUT = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern REST_OF_NAME = Pattern.compile("[0-9a-f]{38}");

    private LooseObjectPacker() {}

    /** Packs the loose objects of {@code repository}; returns how many it packed (0: none, no pack written). */
    static int pack(FileRepository repository) throws IOException {
        Path objects = repository.getObjectsDirectory().toPath();
        List<ObjectId> loose = looseObjects(objects);
        if (loose.isEmpty()) {
            return 0;
        }
        Path packs = objects.resolve("pack");
        Files.createDirectories(packs);
        Path packTemp = Files.createTempFile(packs, "gc_", ".pack_tmp");
        Path indexTemp = Files.createTempFile(packs, "gc_", ".idx_tmp");
        try (ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader);
                PackWriter writer = new PackWriter(new PackConfig(repository), reader)) {
            List<RevObject> packed = new ArrayList<>(loose.size());
            for (ObjectId id : loose) {
                if (reader.has(id)) { // not deleted meanwhile by a packing of another process
                    packed.add(walk.lookupAny(id, reader.open(id).getType()));
                }
            }
            writer.preparePack(packed.iterator());
            try (FileChannel channel = FileChannel.open(packTemp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
                out.flush();
                channel.force(true);
            }
            try (FileChannel channel = FileChannel.open(indexTemp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeIndex(out);
                out.flush();
                channel.force(true);
            }
            String name = "pack-" + writer.computeName().name();
            Path pack = packs.resolve(name + ".pack");
            Files.move(packTemp, pack, StandardCopyOption.ATOMIC_MOVE);
            Files.move(indexTemp, packs.resolve(name + ".idx"), StandardCopyOption.ATOMIC_MOVE);
            NewObjects.force(packs);
            repository.getObjectDatabase().openPack(pack.toFile());
            new GC(repository).prunePacked();
            return packed.size();
        } finally {
            Files.deleteIfExists(packTemp);
            Files.deleteIfExists(indexTemp);
        }
    }

    /** The loose objects under {@code objects}: files {@code xx/yyyy...} named by 40 hexadecimal digits. */
    private static List<ObjectId> looseObjects(Path objects) throws IOException {
        List<ObjectId> ids = new ArrayList<>();
        try (DirectoryStream<Path> fanOuts = Files.newDirectoryStream(objects)) {
            for (Path fanOut : fanOuts) {
                String prefix = fanOut.getFileName().toString();
                if (!FAN_OUT.matcher(prefix).matches() || !Files.isDirectory(fanOut)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(fanOut)) {
                    for (Path file : files) {
                        String rest = file.getFileName().toString();
                        if (REST_OF_NAME.matcher(rest).matches()) {
                            ids.add(ObjectId.fromString(prefix + rest));
                        }
                    }
                }
            }
        }
        return ids;
    }
}

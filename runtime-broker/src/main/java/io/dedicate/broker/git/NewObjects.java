package io.dedicate.broker.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * An object inserter that remembers the fan-out folders ({@code objects/xx}) its objects went to, so that a commit
 * can make their new names durable. JGit fsyncs each loose object file before renaming it into place ({@code
 * core.fsyncObjectFiles}) and each ref file before renaming it ({@code core.fsyncRefFiles}), but never the folder
 * that holds the renamed name: after a power loss the file may exist on disk without its name. {@link
 * #syncFolders(Path, Path)} forces those folders, and the ref's, to disk.
 */
final class NewObjects extends ObjectInserter.Filter {
    private final ObjectInserter delegate;
    private final Set<String> fanOuts = new TreeSet<>();

    NewObjects(ObjectInserter delegate) {
        this.delegate = delegate;
    }

    @Override
    protected ObjectInserter delegate() {
        return delegate;
    }

    @Override
    public ObjectId insert(int type, byte[] data) throws IOException {
        return remember(super.insert(type, data));
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
        return remember(super.insert(type, data, off, len));
    }

    @Override
    public ObjectId insert(int objectType, long length, InputStream in) throws IOException {
        return remember(super.insert(objectType, length, in));
    }

    private ObjectId remember(ObjectId id) {
        fanOuts.add(id.name().substring(0, 2));
        return id;
    }

    /**
     * Forces to disk the fan-out folders of the objects inserted since the last call, the objects folder (a new
     * fan-out folder is a new name in it) and the folders along {@code refFile} up to the repository.
     */
    void syncFolders(Path repository, Path refFile) throws IOException {
        Path objects = repository.resolve("objects");
        for (String fanOut : fanOuts) {
            force(objects.resolve(fanOut));
        }
        fanOuts.clear();
        force(objects);
        for (Path folder = refFile.getParent();
                folder != null && folder.startsWith(repository);
                folder = folder.getParent()) {
            force(folder);
        }
    }

    /** fsync of a folder: makes the names created, renamed or removed in it durable (Linux and macOS). */
    static void force(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

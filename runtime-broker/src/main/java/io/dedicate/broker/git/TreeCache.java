package io.dedicate.broker.git;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.jspecify.annotations.Nullable;

/**
 * The raw bytes of recently read or written tree objects, least recently used first out.
 *
 * <p>Trees are immutable by id, so the cache never goes stale. It is for the big trees (a space folder with
 * thousands of instances is hundreds of kilobytes): the tree a commit writes is the one the next commit reads, and
 * without the cache every commit would inflate it again from its loose object.
 *
 * <p>A tree a commit rewrites is dropped when its replacement is written ({@link #replace}): the branch no longer has
 * it, and keeping it would fill the cache with old versions of the same big tree (the root folder changes at every
 * commit). Those copies lived long enough to be promoted to the old generation and died there: with 10,000
 * instances, a 100 KB root tree per commit, full collections every few seconds during a burst of provisions.
 */
final class TreeCache {
    /**
     * Trees smaller than this (about 25 entries) are not cached: they inflate in microseconds, and there is one
     * per instance folder, read again only when that instance changes. Cached, they filled the cache with thousands of
     * small trees that outlived the young generation and were evicted from the old one.
     */
    static final int MIN_BYTES = 1024;

    private final long capacityBytes;
    private final LinkedHashMap<ObjectId, byte[]> trees = new LinkedHashMap<>(64, 0.75f, true);
    private long sizeBytes;

    TreeCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** The raw bytes of tree {@code id}, from the cache or from the repository. */
    byte[] raw(ObjectReader reader, AnyObjectId id) throws IOException {
        synchronized (this) {
            byte[] cached = trees.get(id);
            if (cached != null) {
                return cached;
            }
        }
        byte[] raw = reader.open(id, Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE);
        put(id.copy(), raw);
        return raw;
    }

    /**
     * Remembers the raw bytes of tree {@code id}, just written in place of tree {@code replaced} (null for a new
     * folder), which is forgotten.
     */
    synchronized void replace(@Nullable AnyObjectId replaced, ObjectId id, byte[] raw) {
        forget(replaced);
        put(id, raw);
    }

    /** Forgets tree {@code id} (a folder a commit removed or rewrote); nothing when it is not cached or null. */
    synchronized void forget(@Nullable AnyObjectId id) {
        if (id != null) {
            byte[] removed = trees.remove(id);
            if (removed != null) {
                sizeBytes -= removed.length;
            }
        }
    }

    /** The bytes of all cached trees. */
    synchronized long sizeBytes() {
        return sizeBytes;
    }

    /** Remembers the raw bytes of tree {@code id} (just written, or just read), if it is worth it (see {@link #MIN_BYTES}). */
    synchronized void put(ObjectId id, byte[] raw) {
        if (raw.length < MIN_BYTES || raw.length > capacityBytes / 4) {
            return;
        }
        byte[] previous = trees.put(id, raw);
        if (previous == null) {
            sizeBytes += raw.length;
        }
        Iterator<Map.Entry<ObjectId, byte[]>> eldest = trees.entrySet().iterator();
        while (sizeBytes > capacityBytes && eldest.hasNext()) {
            sizeBytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }
}

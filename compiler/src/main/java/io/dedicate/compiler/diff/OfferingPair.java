package io.dedicate.compiler.diff;

import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The old and new version of one offering being compared, and the changes found so far. */
final class OfferingPair {

    final OfferingModel before;
    final OfferingModel after;
    private final BundleSide oldSide;
    private final BundleSide newSide;
    private final List<Change> changes = new ArrayList<>();

    OfferingPair(OfferingModel before, OfferingModel after, BundleSide oldSide, BundleSide newSide) {
        this.before = before;
        this.after = after;
        this.oldSide = oldSide;
        this.newSide = newSide;
    }

    @Nullable
    SourceLocation oldAt(String key) {
        return oldSide.locate(before, key);
    }

    @Nullable
    SourceLocation newAt(String key) {
        return newSide.locate(after, key);
    }

    /** Records a change located at {@code oldKey} in the old version and {@code newKey} in the new one. */
    void add(String code, Impact impact, String message, String oldKey, String newKey) {
        changes.add(new Change(code, impact, after.name(), message, oldAt(oldKey), newAt(newKey)));
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }
}

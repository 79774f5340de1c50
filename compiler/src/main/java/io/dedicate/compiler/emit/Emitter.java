package io.dedicate.compiler.emit;

import io.dedicate.compiler.model.Offering;
import java.util.List;

/**
 * Writes one kind of bundle artifact for all compiled offerings (sorted by name). Emitters are
 * pure: same offerings, same bytes. They run only on offerings without errors.
 */
public interface Emitter {

    /** A short name for messages: {@code catalog}, {@code schemas}, {@code pipelines}, ... */
    String name();

    void emit(List<Offering> offerings, FileManifest manifest);
}

package io.dedicate.compiler.emit;

import io.dedicate.compiler.model.Offering;
import java.util.List;

/** Not written yet. */
public final class ManifestEmitter implements Emitter {

    @Override
    public String name() {
        return "manifests";
    }

    @Override
    public void emit(List<Offering> offerings, FileManifest manifest) {
        // not written yet
    }
}

package io.dedicate.lsp;

import io.dedicate.dsl.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one compilation of the open offerings found.
 *
 * @param diagnostics by file (absolute); every file the compilation read is a key, with an empty list when clean
 * @param declarations the names declared by the offerings that loaded (empty for one whose file does not parse)
 */
record Analysis(Map<Path, List<Diagnostic>> diagnostics, Declarations declarations) {

    Analysis {
        diagnostics = Map.copyOf(diagnostics);
    }
}

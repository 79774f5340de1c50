package io.dedicate.bundle.model;

/**
 * Where an element of the model was declared: a file relative to the directory of its offering file
 * ({@code mysql.offering}, {@code fragments/bosh-defaults.fragment}), 1-based line and column. Relative,
 * so that a bundle's bytes do not depend on where it was compiled.
 */
public record SourceLocation(String file, int line, int column) {

    public SourceLocation {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** {@code file:line:column}, the way compilers print positions. */
    public String position() {
        return file + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return position();
    }
}

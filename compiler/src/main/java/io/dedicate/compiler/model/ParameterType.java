package io.dedicate.compiler.model;

/**
 * Types of parameters and outputs. {@code BYTES} accepts an integer number of bytes or a string
 * such as {@code "2GB"} (units B, KB, MB, GB, TB, powers of 1024 as MySQL and BOSH count them);
 * {@code DURATION} accepts an integer number of seconds or a string such as {@code "10s"}, {@code
 * "5m"}, {@code "2h"}, {@code "1d"}. {@code GRANTS} is the type of the built-in {@code grants}
 * cluster parameter only (no offering declares it): an array of {@code {"org": "...", "space":
 * "..."}} objects, names or GUIDs, {@code org} optional.
 */
public enum ParameterType {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    BYTES,
    DURATION,
    ENUM,
    GRANTS
}

package io.dedicate.broker.git;

import java.util.ArrayList;
import java.util.List;

/** Checks and splits the paths of files and folders inside the deployment repository. */
final class RepositoryPath {
    private RepositoryPath() {}

    /**
     * Returns {@code path} when it is a relative, '/'-separated path with no empty, '.', '..' or '.git' segment and no
     * NUL or backslash; throws an {@link IllegalArgumentException} naming {@code role} and the problem otherwise.
     */
    static String requireValid(String path, String role) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(role + " is empty: a path inside the repository is needed");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException(
                    role + " '" + path + "' is absolute: it must be relative to the repository root");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(role + " '" + path.replace('\0', '?') + "' contains a NUL character");
        }
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(
                    role + " '" + path + "' contains a backslash: use '/' to separate folders");
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            throw new IllegalArgumentException(
                    role + " '" + path + "' is absolute: it must be relative to the repository root");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(
                        role + " '" + path + "' has an empty segment (leading, trailing or double '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(role + " '" + path + "' has a '" + segment
                        + "' segment: paths must not leave or refer to their folder");
            }
            if (segment.equalsIgnoreCase(".git")) {
                throw new IllegalArgumentException(role + " '" + path + "' has a '.git' segment, which git reserves");
            }
        }
        return path;
    }

    /** The segments of a valid path. */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
            segments.add(path.substring(start, slash));
            start = slash + 1;
        }
        segments.add(path.substring(start));
        return segments;
    }
}

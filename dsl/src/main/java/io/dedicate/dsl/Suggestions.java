package io.dedicate.dsl;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?": finds the known name closest to a misspelt one. Used by the parser for
 * misspelt keywords and by the compiler for unknown plans, instance groups, parameters, outputs.
 *
 * <p>Distance is the optimal-string-alignment variant of Damerau–Levenshtein (insertions,
 * deletions, substitutions and swaps of two neighbours each cost 1), computed case-insensitively,
 * so {@code vm_tpye} is one edit away from {@code vm_type}. A name is only suggested when it is
 * close enough to be a plausible typo: at most one edit for names up to 4 characters, at most a
 * third of the longer name's length otherwise.
 */
public final class Suggestions {

    private Suggestions() {}

    /**
     * The name of {@code names} closest to {@code candidate}, if one is close enough. Ties go to the
     * name whose length is closest to the candidate's, then to the alphabetically first, so the
     * answer never depends on the collection's iteration order.
     */
    public static Optional<String> closest(String candidate, Collection<String> names) {
        String wanted = candidate.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = distance(wanted, name.toLowerCase(Locale.ROOT));
            if (distance > threshold(candidate, name)) {
                continue;
            }
            if (best == null || isBetter(candidate, name, distance, best, bestDistance)) {
                best = name;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean isBetter(String candidate, String name, int distance, String best, int bestDistance) {
        if (distance != bestDistance) {
            return distance < bestDistance;
        }
        int lengthGap = Math.abs(name.length() - candidate.length());
        int bestLengthGap = Math.abs(best.length() - candidate.length());
        if (lengthGap != bestLengthGap) {
            return lengthGap < bestLengthGap;
        }
        return name.compareTo(best) < 0;
    }

    private static int threshold(String candidate, String name) {
        int longer = Math.max(candidate.length(), name.length());
        return longer <= 4 ? 1 : longer / 3;
    }

    /** Optimal string alignment distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}

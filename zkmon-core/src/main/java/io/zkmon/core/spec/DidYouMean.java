package io.zkmon.core.spec;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean" hints for a mistyped name (a config key, an alerter type, a template variable, a command-line flag):
 * the nearest known name by edit distance, when it is near enough to be what was meant. One rule everywhere: letters'
 * case is ignored, a swap of two neighbouring letters counts as one edit, and at most a third of the typed name's
 * length may differ (1 to 3 edits).
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The known name nearest to {@code given}, or null when none is near enough. */
    public static String nearest(String given, Collection<String> known) {
        String typed = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(typed, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int allowed = Math.max(1, Math.min(3, given.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** {@code ; did you mean 'x'?}, else the list of valid keys when asked for, else nothing. */
    public static String hint(String given, Collection<String> known, boolean listWhenNoMatch) {
        String best = nearest(given, known);
        if (best != null) {
            return "; did you mean '" + best + "'?";
        }
        return listWhenNoMatch && !known.isEmpty() ? "; valid keys: " + String.join(", ", known) : "";
    }

    /** Damerau-Levenshtein (optimal string alignment) distance: a swap of two neighbouring letters counts once. */
    public static int distance(String a, String b) {
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
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

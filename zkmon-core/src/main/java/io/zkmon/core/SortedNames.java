package io.zkmon.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Child names as small sorted arrays: cheaper to keep for 100,000 paths than sets, and never changed in place (a
 * published {@link PathStatus} shares them), so every change returns a new array. Pure functions; any thread.
 */
final class SortedNames {

    private SortedNames() {
    }

    static String[] of(List<String> list) {
        if (list.isEmpty()) {
            return PathEntry.NONE;
        }
        String[] a = list.toArray(new String[0]);
        Arrays.sort(a);
        return a;
    }

    static boolean contains(String[] a, String s) {
        return Arrays.binarySearch(a, s) >= 0;
    }

    static String[] insert(String[] a, String s) {
        int i = Arrays.binarySearch(a, s);
        if (i >= 0) {
            return a;
        }
        int at = -i - 1;
        String[] b = new String[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = s;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    static String[] delete(String[] a, String s) {
        int i = Arrays.binarySearch(a, s);
        if (i < 0) {
            return a;
        }
        if (a.length == 1) {
            return PathEntry.NONE;
        }
        String[] b = new String[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b;
    }

    /** The names of {@code a} that are also in {@code allowed}; {@code a} itself when that is all of them. */
    static String[] keepOnly(String[] a, String[] allowed) {
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (Arrays.binarySearch(allowed, s) >= 0) {
                out.add(s);
            }
        }
        return out.size() == a.length ? a : out.toArray(new String[0]);
    }

    /** Adds to {@code added} and {@code removed} what turns {@code prev} into {@code next}. */
    static void diff(String[] prev, String[] next, List<String> added, List<String> removed) {
        int i = 0;
        int j = 0;
        while (i < prev.length || j < next.length) {
            int cmp = i == prev.length ? 1 : j == next.length ? -1 : prev[i].compareTo(next[j]);
            if (cmp == 0) {
                i++;
                j++;
            } else if (cmp < 0) {
                removed.add(prev[i++]);
            } else {
                added.add(next[j++]);
            }
        }
    }
}

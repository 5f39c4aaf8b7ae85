package io.zkmon.cluster;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.apache.curator.utils.PathUtils;

/**
 * Where a cluster keeps its znodes, under {@code <prefix>/<cluster_name>}:
 * <pre>
 * agents/&lt;agent&gt;                       ephemeral, JSON: host, pid, version, started_at, http_port, leading_since
 * locks/alerter/_c_&lt;uuid&gt;-latch-&lt;seq&gt;   ephemeral sequential, data: agent name; the lowest one sends alerts
 * state/&lt;bucket&gt;/&lt;encoded path&gt;          JSON alert state per watched path, written by the leader only
 * silences/&lt;encoded id&gt;                  JSON silence, written by any agent
 * </pre>
 * A watched path becomes one znode name by percent-encoding ({@code /services/foo} is {@code %2Fservices%2Ffoo}); it
 * lives in one of 256 buckets (two hex digits of the CRC-32 of its UTF-8 bytes), so no single znode ever has more
 * than a few hundred children even when 100,000 paths are out of spec at once.
 */
final class ClusterLayout {

    static final String DEFAULT_PREFIX = "/zk_monitor";
    static final String DEFAULT_CLUSTER = "zkmonitor";
    static final String LATCH_PREFIX = "latch-";
    /** The longest lock-node data (an agent name) read: anything longer names no agent. */
    static final int MAX_NAME_BYTES = 1_024;

    private final String base;

    ClusterLayout(String prefix, String clusterName) {
        checkPrefix(prefix);
        checkName(clusterName, "cluster name");
        this.base = (prefix.equals("/") ? "" : prefix) + "/" + clusterName;
    }

    /** {@code <prefix>/<cluster_name>}. */
    String base() {
        return base;
    }

    String agents() {
        return base + "/agents";
    }

    String agent(String name) {
        return agents() + "/" + name;
    }

    String locks() {
        return base + "/locks";
    }

    /** The alerting lock: its children are the candidates. */
    String alerterLock() {
        return locks() + "/alerter";
    }

    /** kazoo's mutex beside the old daemon's Semaphore, held while counting and creating leases: see {@link LegacyMutex}. */
    String alerterMutex() {
        return alerterLock() + "-" + LegacyMutex.MARKER;
    }

    String state() {
        return base + "/state";
    }

    String stateBucket(String watchedPath) {
        return state() + "/" + bucket(watchedPath);
    }

    String stateNode(String watchedPath) {
        return stateBucket(watchedPath) + "/" + encode(watchedPath);
    }

    String silences() {
        return base + "/silences";
    }

    String silence(String id) {
        return silences() + "/" + encode(id);
    }

    /** The bucket of a watched path: two lower-case hex digits. */
    static String bucket(String watchedPath) {
        CRC32 crc = new CRC32();
        crc.update(watchedPath.getBytes(StandardCharsets.UTF_8));
        return String.format("%02x", crc.getValue() & 0xff);
    }

    /**
     * Makes any text one valid znode name: letters, digits, {@code _ - .} stay, every other UTF-8 byte becomes
     * {@code %XX}. A name of only dots (reserved by ZooKeeper) has its dots encoded too.
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        String s = out.toString();
        return s.isEmpty() || s.chars().allMatch(ch -> ch == '.') ? s.replace(".", "%2E") : s;
    }

    /** The inverse of {@link #encode}. */
    static String decode(String name) {
        byte[] buf = new byte[name.length()];
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                buf[n++] = (byte) Integer.parseInt(name.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                buf[n++] = (byte) c;
            }
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** The sequence number of a lock candidate's node name, or -1 when it is not one. */
    static long sequence(String childName) {
        int at = childName.lastIndexOf(LATCH_PREFIX);
        if (at < 0) {
            return -1;
        }
        try {
            return Long.parseLong(childName.substring(at + LATCH_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * True for the name of a lease the old {@code zk_monitor} daemon takes with kazoo's {@code Semaphore}: a uuid4 in
     * 32 lower-case hex digits.
     */
    static boolean isLegacyLease(String childName) {
        if (childName.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = childName.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Text read from ZooKeeper made fit for one log line: control characters escaped, at most 100 characters. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 110));
        int i = 0;
        for (; i < text.length() && out.length() < 100; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? out + "..." : out.toString();
    }

    static void checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("the cluster prefix is empty; use an absolute znode path such as " + DEFAULT_PREFIX);
        }
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("the cluster prefix '" + prefix + "' must be an absolute znode path, e.g. /" + prefix);
        }
        if (prefix.length() > 1 && prefix.endsWith("/")) {
            throw new IllegalArgumentException("the cluster prefix '" + prefix + "' must not end with '/'; use "
                    + prefix.substring(0, prefix.length() - 1));
        }
        try {
            PathUtils.validatePath(prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cluster prefix '" + prefix + "' is not a valid znode path: " + e.getMessage());
        }
    }

    /** True when a name (read from ZooKeeper) could be an agent's: one valid znode name. */
    static boolean isName(String name) {
        try {
            checkName(name, "name");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Checks that a name can be one znode name as it is (cluster and agent names are not encoded, to stay readable). */
    static void checkName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        if (name.contains("/")) {
            throw new IllegalArgumentException("the " + what + " '" + name + "' must not contain '/': it names a single znode");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("the " + what + " '" + name + "' is reserved by ZooKeeper");
        }
        try {
            PathUtils.validatePath("/" + name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " '" + name + "' cannot be a znode name: " + e.getMessage());
        }
    }
}

package io.zkmon.core;

/** Small znode path helpers. */
final class ZkPaths {

    private ZkPaths() {
    }

    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String child(String parent, String name) {
        return parent.equals("/") ? "/" + name : parent + "/" + name;
    }

    /** The server path for a path under a Curator namespace ({@code ""} for none). */
    static String withNamespace(String namespace, String path) {
        if (namespace == null || namespace.isEmpty()) {
            return path;
        }
        String ns = namespace.startsWith("/") ? namespace : "/" + namespace;
        return path.equals("/") ? ns : ns + path;
    }

    /** The path a user sees for a server path under a Curator namespace ({@code ""} for none). */
    static String withoutNamespace(String namespace, String raw) {
        if (namespace == null || namespace.isEmpty()) {
            return raw;
        }
        String ns = withNamespace(namespace, "/");
        return raw.length() == ns.length() ? "/" : raw.substring(ns.length());
    }
}

package io.zkmon.bench;

/** One way of watching N paths' child counts, as a Java team might do it. */
interface Impl extends AutoCloseable {

    /** Starts watching every {@code Tree.path(i)} and returns when each path's count is known. */
    void startAndPrime(String connect, int n, Reporter reporter) throws Exception;

    static Impl named(String name, Extras extras) {
        return switch (name) {
            case "zkmon" -> new ZkmonImpl(extras);
            case "raw" -> new RawImpl();
            case "raw-oneshot" -> new RawOneShotImpl();
            case "curator-cache" -> new CuratorCacheImpl();
            default -> throw new IllegalArgumentException("unknown implementation " + name);
        };
    }
}

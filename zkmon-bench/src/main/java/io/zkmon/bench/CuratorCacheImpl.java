package io.zkmon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** What a Java team would typically write: one Curator {@code CuratorCache} per path, counting children in a listener. */
final class CuratorCacheImpl implements Impl {

    private CuratorFramework client;
    private final List<CuratorCache> caches = new ArrayList<>();

    @Override
    public void startAndPrime(String connect, int n, Reporter reporter) throws Exception {
        client = CuratorFrameworkFactory.newClient(connect, 60_000, 15_000, new ExponentialBackoffRetry(100, 5));
        client.start();
        if (!client.blockUntilConnected(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("curator could not connect");
        }
        CountDownLatch primed = new CountDownLatch(n);
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            String path = Tree.path(i);
            int idx = i;
            CuratorCache cache = CuratorCache.build(client, path);
            CuratorCacheListener listener = CuratorCacheListener.builder()
                    .forCreates(node -> {
                        if (isChild(node, path)) {
                            synchronized (counts) {
                                reporter.count(idx, ++counts[idx]);
                            }
                        }
                    })
                    .forDeletes(node -> {
                        if (isChild(node, path)) {
                            synchronized (counts) {
                                reporter.count(idx, --counts[idx]);
                            }
                        }
                    })
                    .forInitialized(primed::countDown)
                    .build();
            cache.listenable().addListener(listener);
            caches.add(cache);
            cache.start();
        }
        if (!primed.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("caches did not initialize");
        }
    }

    private static boolean isChild(ChildData node, String parent) {
        String p = node.getPath();
        return p.length() > parent.length() && p.startsWith(parent) && p.indexOf('/', parent.length() + 1) < 0;
    }

    @Override
    public void close() {
        caches.forEach(CuratorCache::close);
        client.close();
    }
}

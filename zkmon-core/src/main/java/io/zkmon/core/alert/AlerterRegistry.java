package io.zkmon.core.alert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerter types available, by type name. {@link #load(ClassLoader)} finds providers with {@link ServiceLoader}:
 * a provider that fails to load is logged and skipped; two providers claiming one type make that type ambiguous
 * (a config that uses it gets an error naming both).
 */
public final class AlerterRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AlerterRegistry.class);

    private final Map<String, AlerterProvider> providers;
    private final Map<String, List<String>> ambiguous;
    private final List<String> broken;

    private AlerterRegistry(Map<String, AlerterProvider> providers, Map<String, List<String>> ambiguous, List<String> broken) {
        this.providers = Collections.unmodifiableMap(providers);
        this.ambiguous = Collections.unmodifiableMap(ambiguous);
        this.broken = List.copyOf(broken);
    }

    /** Providers found on the context class loader (or this class's loader). */
    public static AlerterRegistry load() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return load(cl != null ? cl : AlerterRegistry.class.getClassLoader());
    }

    /** Providers found by {@link ServiceLoader} on a class loader. */
    public static AlerterRegistry load(ClassLoader classLoader) {
        List<AlerterProvider> found = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Iterator<AlerterProvider> it = ServiceLoader.load(AlerterProvider.class, classLoader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // one broken plugin jar must not take the others down
                LOG.warn("Skipping an alerter provider that failed to load: {}", e.toString());
                broken.add(e.toString());
            }
        }
        return of(found, broken);
    }

    /** A registry of exactly these providers (for tests and embedding). */
    public static AlerterRegistry of(List<? extends AlerterProvider> list) {
        return of(list, List.of());
    }

    private static AlerterRegistry of(List<? extends AlerterProvider> list, List<String> broken) {
        Map<String, AlerterProvider> providers = new TreeMap<>();
        Map<String, List<String>> ambiguous = new TreeMap<>();
        for (AlerterProvider p : list) {
            String type;
            try {
                type = p.type();
            } catch (RuntimeException e) {
                LOG.warn("Skipping alerter provider {}: type() failed: {}", p.getClass().getName(), e.toString());
                continue;
            }
            AlerterProvider before = providers.putIfAbsent(type, p);
            if (before != null && before.getClass() != p.getClass()) {
                ambiguous.computeIfAbsent(type, t -> new ArrayList<>(List.of(before.getClass().getName()))).add(p.getClass().getName());
                LOG.warn("Two alerter providers claim type '{}': {}", type, ambiguous.get(type));
            }
        }
        return new AlerterRegistry(providers, ambiguous, broken);
    }

    /** The provider of a type, or null when there is none. */
    public AlerterProvider provider(String type) {
        return providers.get(type);
    }

    /** Provider classes claiming a type when more than one does, else an empty list. */
    public List<String> conflicts(String type) {
        return ambiguous.getOrDefault(type, List.of());
    }

    /** Every type name available, sorted. */
    public List<String> types() {
        return List.copyOf(providers.keySet());
    }

    /** Descriptions of providers that failed to load. */
    public List<String> broken() {
        return broken;
    }
}

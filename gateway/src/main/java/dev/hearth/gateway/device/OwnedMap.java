package dev.hearth.gateway.device;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A read-only map over a {@link HashMap} that no one else holds: what {@link Map#copyOf} gives, without its copy.
 * A device's message built its attribute maps three times over (the decoded values, the merged state, each snapshot's
 * immutable copy); the snapshots now take the merged map as it is. Nothing can change it once wrapped, so any thread
 * may read it.
 */
final class OwnedMap<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> map;
    private final Map<K, V> view;

    private OwnedMap(HashMap<K, V> owned) {
        this.map = owned;
        this.view = Collections.unmodifiableMap(owned);
    }

    /** Takes {@code owned} over: the caller made it and never touches it again. */
    static <K, V> Map<K, V> of(HashMap<K, V> owned) {
        return new OwnedMap<>(owned);
    }

    /** {@code map} itself if it is one of these (or already immutable), else an immutable copy. */
    static <K, V> Map<K, V> copyOf(Map<K, V> map) {
        return map instanceof OwnedMap<K, V> ? map : Map.copyOf(map);
    }

    /** A map to change: a copy of {@code map}, read straight from the one underneath if it is one of these. */
    static <K, V> HashMap<K, V> mutableCopy(Map<K, V> map) {
        return new HashMap<>(map instanceof OwnedMap<K, V> owned ? owned.map : map);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public V getOrDefault(Object key, V otherwise) {
        return map.getOrDefault(key, otherwise);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return map.containsValue(value);
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        map.forEach(action);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return view.entrySet();
    }

    @Override
    public Set<K> keySet() {
        return view.keySet();
    }

    @Override
    public Collection<V> values() {
        return view.values();
    }
}

package dev.hearth.gateway.web.auth;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who a request comes from, and whether it reached us over HTTPS, seen through the reverse proxies
 * the configuration trusts ({@code http.trusted_proxies}). Only those may speak for a client through
 * {@code X-Forwarded-For}/{@code X-Forwarded-Proto}; anyone else could claim any address with them.
 */
public final class Clients {
    private final Set<String> trusted;

    public Clients(Collection<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Clients::normal).flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** The client's address: the peer, or behind trusted proxies the nearest address they forwarded for. */
    public String address(HttpServerRequest request) {
        String peer = peer(request);
        if (!trusted.contains(peer)) return peer;
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) return peer;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<String> hop = normal(hops[i].strip());
            if (hop.isEmpty()) return peer;
            if (!trusted.contains(hop.get())) return hop.get();
        }
        return peer;
    }

    /** HTTPS to us, or to a trusted proxy that says so with {@code X-Forwarded-Proto: https}. */
    public boolean secure(HttpServerRequest request) {
        if (request.isSSL()) return true;
        String proto = request.getHeader("X-Forwarded-Proto");
        return proto != null && trusted.contains(peer(request)) && proto.split(",")[0].strip().equalsIgnoreCase("https");
    }

    /** The address in one spelling ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}); empty when it is not an IP literal. */
    public static Optional<String> normal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        return bytes == null ? Optional.empty() : Optional.of(NetUtil.bytesToIpAddress(bytes));
    }

    private static String peer(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) return "?";
        String address = request.remoteAddress().hostAddress();
        return normal(address).orElse(address);
    }
}

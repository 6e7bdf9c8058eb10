package dev.hearth.gateway.web;

import dev.hearth.gateway.web.auth.Clients;
import io.vertx.ext.web.RoutingContext;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers only requests addressed to this gateway by one of its names (or an IP address). DNS
 * rebinding lets a web page make the browser send requests to the gateway under the page's own host
 * name, past the same-origin policy: such a request carries that foreign name in {@code Host} and is
 * refused with 421 before anything else runs. An IP literal cannot be rebound, so it always passes.
 */
final class HostCheck {
    private final Set<String> names;

    HostCheck(Collection<String> names) {
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    void handle(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        if (host == null || allowed(host)) ctx.next();
        else Responses.error(ctx, 421, "this gateway does not answer to that host name; add it to http.hosts");
    }

    boolean allowed(String hostHeader) {
        String host = withoutPort(hostHeader.strip()).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        return names.contains(host) || Clients.normal(host).isPresent();
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 || host.indexOf(':', colon + 1) >= 0 ? host : host.substring(0, colon);
    }
}

package dev.hearth.gateway.web.auth;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in and the guard in front of every route but {@code /health} and the sign-in page.
 * A request is authenticated by the session cookie (HttpOnly, SameSite=Strict) or by
 * {@code Authorization: Bearer <access token>}. Cookie-authenticated state changes also need the
 * session's CSRF token in {@code X-CSRF-Token}, and a cross-site {@code Origin} is refused outright.
 */
public final class WebAuth {
    private static final Logger log = LoggerFactory.getLogger(WebAuth.class);
    public static final String COOKIE = "hearth_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Vertx vertx;
    private final AccessToken token;
    private final Optional<PasswordHash> password;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    public WebAuth(Vertx vertx, AccessToken token, Optional<PasswordHash> password, Sessions sessions, LoginThrottle throttle) {
        this.vertx = vertx;
        this.token = token;
        this.password = password;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** {@code POST /login}, {@code POST /logout} and {@code GET /api/session}; call before {@link #guard}. */
    public void mountLogin(Router router) {
        router.post("/login").handler(this::login);
    }

    public void mountSession(Router router) {
        router.post("/logout").handler(this::logout);
        router.get("/api/session").handler(ctx -> session(ctx).ifPresentOrElse(
                s -> json(ctx, 200, new JsonObject().put("csrfToken", s.csrfToken())),
                () -> json(ctx, 200, new JsonObject().put("csrfToken", (String) null).put("bearer", true))));
    }

    /** The guard: lets authenticated requests through, answers the rest with 401/403 or a redirect to sign in. */
    public void guard(RoutingContext ctx) {
        if (bearer(ctx)) {
            ctx.next();
            return;
        }
        Optional<Sessions.Session> session = session(ctx);
        if (session.isEmpty()) {
            refuseUnauthenticated(ctx);
        } else if (!SAFE.contains(ctx.request().method()) && !(sameOrigin(ctx) && csrfMatches(ctx, session.get()))) {
            json(ctx, 403, error(403, "missing or wrong CSRF token; reload the page"));
        } else {
            ctx.next();
        }
    }

    private void login(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        Optional<Duration> wait = throttle.waitBeforeTrying(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + 1);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            json(ctx, 429, error(429, "too many failed sign-ins; try again in " + seconds + " s"));
            return;
        }
        if (!sameOrigin(ctx)) {
            json(ctx, 403, error(403, "cross-site sign-in refused"));
            return;
        }
        String secret = secret(ctx);
        if (secret == null) {
            json(ctx, 400, error(400, "the body must be {\"secret\": \"<password or access token>\"}"));
            return;
        }
        vertx.executeBlocking(() -> accepts(secret)).onComplete(r -> {
            if (r.succeeded() && r.result()) signIn(ctx, address);
            else {
                throttle.failed(address);
                log.info("Failed dashboard sign-in from {}", address);
                json(ctx, 401, error(401, "wrong password or access token"));
            }
        });
    }

    private boolean accepts(String secret) {
        return token.matches(secret) || password.map(p -> p.matches(secret.toCharArray())).orElse(false);
    }

    private void signIn(RoutingContext ctx, String address) {
        throttle.succeeded(address);
        Sessions.Session s = sessions.create();
        ctx.response().addCookie(Cookie.cookie(COOKIE, s.id()).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setPath("/").setSecure(ctx.request().isSSL()).setMaxAge(Sessions.IDLE.toSeconds()));
        json(ctx, 200, new JsonObject().put("csrfToken", s.csrfToken()));
    }

    private void logout(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        if (c != null) sessions.remove(c.getValue());
        ctx.response().addCookie(Cookie.cookie(COOKIE, "").setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/").setMaxAge(0));
        json(ctx, 200, new JsonObject().put("ok", true));
    }

    private Optional<Sessions.Session> session(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        return c == null ? Optional.empty() : sessions.find(c.getValue());
    }

    private boolean bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && token.matches(header.substring(7));
    }

    private static boolean csrfMatches(RoutingContext ctx, Sessions.Session s) {
        String sent = ctx.request().getHeader(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** Browsers send Origin on cross-site POSTs (and on fetch/EventSource); when present it must be this host. */
    public static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) return true;
        String host = ctx.request().getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static void refuseUnauthenticated(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (ctx.request().method() == HttpMethod.GET && !path.startsWith("/api/") && !path.equals("/metrics")) {
            ctx.response().setStatusCode(303).putHeader("Location", "/login").end();
        } else {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hearth\"");
            json(ctx, 401, error(401, "sign in first (session cookie or Authorization: Bearer <access token>)"));
        }
    }

    private static String secret(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            Object secret = body == null ? null : body.getValue("secret");
            return secret instanceof String s && !s.isEmpty() ? s : null;
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static JsonObject error(int status, String message) {
        return new JsonObject().put("error", message).put("status", status);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}

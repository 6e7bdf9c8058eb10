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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in and the guard in front of every route but {@code /health} and the sign-in page.
 * A request is authenticated by the session cookie (HttpOnly, SameSite=Strict) or by
 * {@code Authorization: Bearer <access token>}. Cookie-authenticated state changes also need the
 * session's CSRF token in {@code X-CSRF-Token}, and a cross-site {@code Origin} is refused outright.
 * Guesses of the password or token are limited per client address ({@link LoginThrottle}).
 */
public final class WebAuth {
    private static final Logger log = LoggerFactory.getLogger(WebAuth.class);
    public static final String COOKIE = "hearth_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AccessToken token;
    private final Optional<PasswordHash> password;
    private final Sessions sessions;
    /** Sign-ins and bearer tokens are limited alike but apart: a script's wrong token does not use up a person's tries. */
    private final LoginThrottle signIns;
    private final LoginThrottle bearers;
    private final Clients clients;
    private final PasswordChecks checks;

    public WebAuth(Vertx vertx, AccessToken token, Optional<PasswordHash> password, Sessions sessions, Clients clients, Clock clock) {
        this.token = token;
        this.password = password;
        this.sessions = sessions;
        this.signIns = new LoginThrottle(clock);
        this.bearers = new LoginThrottle(clock);
        this.clients = clients;
        this.checks = new PasswordChecks(vertx);
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
        String bearer = bearer(ctx);
        if (bearer != null) {
            checkBearer(ctx, bearer);
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
        if (!sameOrigin(ctx)) {
            json(ctx, 403, error(403, "cross-site sign-in refused"));
            return;
        }
        String secret = secret(ctx);
        if (secret == null) {
            json(ctx, 400, error(400, "the body must be {\"secret\": \"<password or access token>\"}"));
            return;
        }
        String address = clients.address(ctx.request());
        Optional<Duration> wait = signIns.attempt(address);
        if (wait.isPresent()) {
            tooMany(ctx, wait.get());
        } else if (token.matches(secret)) {
            signIn(ctx, address);
        } else if (password.isEmpty()) {
            refuseSignIn(ctx, address);
        } else {
            checkPassword(ctx, address, password.get(), secret);
        }
    }

    /** The access token is compared at once (constant time, cheap); the password's PBKDF2 runs on its own small pool. */
    private void checkPassword(RoutingContext ctx, String address, PasswordHash hash, String secret) {
        checks.submit(() -> hash.matches(secret.toCharArray())).ifPresentOrElse(check -> check.onComplete(r -> {
            if (r.succeeded() && r.result()) signIn(ctx, address);
            else refuseSignIn(ctx, address);
        }), () -> {
            ctx.response().putHeader("Retry-After", "1");
            json(ctx, 503, error(503, "busy checking other sign-ins; try again in a moment"));
        });
    }

    private void refuseSignIn(RoutingContext ctx, String address) {
        log.info("Failed dashboard sign-in from {}", address);
        json(ctx, 401, error(401, "wrong password or access token"));
    }

    /** A bearer token is limited like a sign-in: counted before it is compared, per client address. */
    private void checkBearer(RoutingContext ctx, String bearer) {
        String address = clients.address(ctx.request());
        Optional<Duration> wait = bearers.attempt(address);
        if (wait.isPresent()) {
            tooMany(ctx, wait.get());
        } else if (token.matches(bearer)) {
            bearers.succeeded(address);
            ctx.next();
        } else {
            log.info("Wrong access token from {}", address);
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hearth\", error=\"invalid_token\"");
            json(ctx, 401, error(401, "sign in first (session cookie or Authorization: Bearer <access token>); the token sent is wrong"));
        }
    }

    private static void tooMany(RoutingContext ctx, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + 1);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        json(ctx, 429, error(429, "too many failed sign-ins; try again in " + seconds + " s"));
    }

    private void signIn(RoutingContext ctx, String address) {
        signIns.succeeded(address);
        Sessions.Session s = sessions.create();
        ctx.response().addCookie(Cookie.cookie(COOKIE, s.id()).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setPath("/").setSecure(clients.secure(ctx.request())).setMaxAge(Sessions.IDLE.toSeconds()));
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

    private static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
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

package dev.hearth.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The dashboard's files, served from the jar (no build step): the sign-in page and its assets are
 * public; the dashboard and uPlot (from its WebJar) need a session.
 */
final class Dashboard {
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private Dashboard() {
    }

    static void mountPublic(Router router) {
        Buffer login = page("web/public/login.html");
        router.get("/login").handler(ctx -> send(ctx, login));
        router.route("/assets/*").handler(StaticHandler.create("web/public").setIndexPage("login.html"));
    }

    static void mountPrivate(Router router) {
        Buffer index = page("web/app/index.html");
        router.get("/").handler(ctx -> send(ctx, index));
        router.route("/app/*").handler(StaticHandler.create("web/app"));
        router.route("/vendor/uplot/*").handler(StaticHandler.create("META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist"));
    }

    /**
     * The two HTML pages are read once when the routes are mounted: answering from memory needs no worker
     * thread and no file cache, so a page is never left unanswered when either is busy or gone.
     */
    private static Buffer page(String resource) {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("the dashboard page " + resource + " is missing from the jar");
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(RoutingContext ctx, Buffer page) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store").end(page);
    }

    static String uplotVersion() {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(UPLOT_POM)) {
            if (in == null) throw new IllegalStateException("the uPlot WebJar is missing from the classpath");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

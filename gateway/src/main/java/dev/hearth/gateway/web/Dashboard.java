package dev.hearth.gateway.web;

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
        router.get("/login").handler(ctx -> page(ctx, "web/public/login.html"));
        router.route("/assets/*").handler(StaticHandler.create("web/public").setIndexPage("login.html"));
    }

    static void mountPrivate(Router router) {
        router.get("/").handler(ctx -> page(ctx, "web/app/index.html"));
        router.route("/app/*").handler(StaticHandler.create("web/app"));
        router.route("/vendor/uplot/*").handler(StaticHandler.create("META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist"));
    }

    private static void page(RoutingContext ctx, String resource) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store").sendFile(resource);
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

package dev.hearth.gateway.web;

import dev.hearth.gateway.automation.load.AutomationReload;
import dev.hearth.gateway.automation.load.AutomationReloader;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.yaml.ConfigProblem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /api/automation-files}: the automation editor. Read a file, check a text (the loader's problems with
 * file:line:column), save it (refused with its problems, else written atomically with a backup), and answer with
 * what the hot reload made of it ({@link AutomationReloader} publishes that on {@code hearth.automation.reloaded}).
 * Writes pass the sign-in and CSRF guard like every POST; {@code http.editor: false} leaves only a 403 here.
 */
final class EditorApi {
    /** Automation files are a few KB; the API's general body limit is 16 KB. */
    static final int MAX_FILE_BYTES = 256 * 1024;
    /** The reloader looks every 2 s; a save waits for two looks before it answers without the reload's result. */
    private static final long RELOAD_WAIT_MS = AutomationReloader.EVERY.toMillis() * 2 + 1_000;

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final AutomationFiles files;
    private final Map<String, List<Promise<AutomationReload>>> waiting = new ConcurrentHashMap<>();

    EditorApi(Vertx vertx, DeviceRegistry registry, Path automationsDir, Set<String> notifyServices) {
        this.vertx = vertx;
        this.registry = registry;
        this.files = new AutomationFiles(automationsDir, notifyServices);
    }

    static void mountDisabled(Router api) {
        api.route("/automation-files*").handler(ctx -> {
            throw new ApiError(403, "the automation editor is turned off (http.editor: false in gateway.yaml)");
        });
    }

    void mount(Router api) {
        vertx.eventBus().<AutomationReload>consumer(Addresses.AUTOMATION_RELOADED, m -> reloaded(m.body()));
        api.get("/automation-files").handler(this::list);
        api.get("/automation-files/:name").handler(this::read);
        api.post("/automation-files/:name/check").handler(this::check);
        api.post("/automation-files/:name").handler(this::save);
    }

    private void list(RoutingContext ctx) {
        vertx.executeBlocking(files::names)
                .onSuccess(names -> Responses.ok(ctx, new JsonObject().put("files", new JsonArray(names))))
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        files.file(name);
        vertx.executeBlocking(() -> files.read(name)).onSuccess(text -> Responses.ok(ctx, new JsonObject()
                        .put("name", name).put("exists", text.isPresent()).put("text", text.orElse(""))))
                .onFailure(ctx::fail);
    }

    private void check(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String text = text(ctx, name);
        problems(name, text).onSuccess(p -> Responses.ok(ctx, new JsonObject().put("problems", json(p)))).onFailure(ctx::fail);
    }

    private void save(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String text = text(ctx, name);
        problems(name, text).onSuccess(problems -> {
            if (!problems.isEmpty()) {
                Responses.json(ctx, 422, new JsonObject().put("error", name + " has " + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems") + "; not saved").put("status", 422).put("problems", json(problems)));
                return;
            }
            Future<AutomationReload> reload = awaitReload(name);
            vertx.executeBlocking(() -> {
                files.save(name, text);
                return null;
            }).compose(saved -> reload.map(r -> (Object) RecordJson.record(r)).otherwise((Object) null)).onSuccess(r -> Responses.ok(ctx,
                    new JsonObject().put("saved", true).put("backup", name + ".bak").put("reload", r))).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private Future<List<ConfigProblem>> problems(String name, String text) {
        return vertx.eventBus().<AutomationQuery.Listing>request(Addresses.AUTOMATION_LIST, new AutomationQuery.ListAll())
                .map(r -> r.body().automations())
                .compose(running -> vertx.executeBlocking(() -> files.check(name, text, registry.specs(), running)));
    }

    /** The reload of this file, or a failure when none came in time (the answer then says "saved", without it). */
    private Future<AutomationReload> awaitReload(String name) {
        Promise<AutomationReload> promise = Promise.promise();
        waiting.computeIfAbsent(name, n -> new ArrayList<>()).add(promise);
        vertx.setTimer(RELOAD_WAIT_MS, id -> {
            List<Promise<AutomationReload>> list = waiting.get(name);
            if (list != null) list.remove(promise);
            promise.tryFail("no reload yet");
        });
        return promise.future();
    }

    private void reloaded(AutomationReload report) {
        Path file = Path.of(report.file()).getFileName();
        if (file == null) return;
        List<Promise<AutomationReload>> list = waiting.remove(file.toString());
        if (list != null) list.forEach(p -> p.tryComplete(report));
    }

    private static String text(RoutingContext ctx, String name) {
        Object text = Bodies.object(ctx).getValue("text");
        if (!(text instanceof String s)) throw ApiError.badRequest("the body must be {\"text\": \"…the file…\"} for " + name);
        return s;
    }

    private static JsonArray json(List<ConfigProblem> problems) {
        JsonArray out = new JsonArray();
        problems.forEach(p -> out.add(new JsonObject().put("line", p.line()).put("column", p.column())
                .put("message", p.message()).put("text", p.toString())));
        return out;
    }
}

package dev.hearth.gateway.web;

import dev.hearth.gateway.runtime.HearthVersion;
import dev.hearth.gateway.support.RepositoryHome;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml is a valid OpenAPI document (read by swagger-parser, as API clients' generators read it), every
 * operation has an operationId and its error responses, and it describes exactly the routes the gateway's router
 * serves. Wildcard routes are the dashboard's static file trees (/app/*, /assets/*, /vendor/...), which OpenAPI does
 * not describe.
 */
class OpenApiDocumentTest {
    @TempDir
    static Path dir;
    static TestHome home;
    static OpenAPI api;

    @BeforeAll
    static void start() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(
                Files.readString(RepositoryHome.root().resolve("docs/openapi.yaml")), null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's messages on docs/openapi.yaml").isEmpty();
        api = parsed.getOpenAPI();
        int port = FreePort.loopback();
        home = TestHome.start(dir, TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        if (home != null) home.close();
    }

    @Test
    void theVersionIsTheProjectVersion() {
        assertThat(api.getInfo().getVersion()).isEqualTo(HearthVersion.version());
    }

    @Test
    void everyOperationHasAUniqueOperationIdAndItsErrorResponses() {
        List<String> ids = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        operations((where, op) -> {
            if (op.getOperationId() == null) problems.add(where + " has no operationId");
            else ids.add(op.getOperationId());
            boolean signedIn = op.getSecurity() == null || !op.getSecurity().isEmpty();
            List<String> statuses = List.copyOf(op.getResponses().keySet());
            if (statuses.stream().noneMatch(s -> s.startsWith("4") || s.startsWith("5"))) problems.add(where + " lists no error response");
            if (signedIn && !statuses.contains("401")) problems.add(where + " needs sign-in but does not list 401");
            if (signedIn && !where.startsWith("GET") && !statuses.contains("403")) problems.add(where + " is a write without 403 (CSRF)");
        });
        assertThat(problems).isEmpty();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void theDocumentDescribesExactlyTheRoutesTheRouterServes() {
        TreeSet<String> served = new TreeSet<>();
        served(home.gateway().web().router(), "", served);
        TreeSet<String> described = new TreeSet<>();
        operations((where, op) -> described.add(where));
        assertThat(served).as("served routes, each 'METHOD /path' (path parameters as {name})")
                .containsExactlyElementsOf(described);
    }

    private static void operations(BiConsumer<String, Operation> each) {
        api.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.readOperationsMap().entrySet()) {
                each.accept(e.getKey() + " " + path, e.getValue());
            }
        });
    }

    /** Walks the router and its sub-routers; middleware (no path) and static file trees (a trailing *) are left out. */
    private static void served(Router router, String prefix, TreeSet<String> into) {
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (route.getSubRouter() != null) {
                served(route.getSubRouter(), prefix + path.replaceAll("/\\*?$", ""), into);
            } else if (path != null && route.isExactPath()) {
                String openApiPath = (prefix + path).replaceAll(":([A-Za-z0-9_]+)", "{$1}");
                for (HttpMethod method : route.methods()) into.add(method.name() + " " + openApiPath);
            }
        }
    }
}

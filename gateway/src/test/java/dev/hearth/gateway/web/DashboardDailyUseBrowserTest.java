package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard used for a day, in headless Chromium against a gateway on Mosquitto: a generic device's writable
 * attributes controlled from its card, focus kept across live updates, a trace of identical near misses folded
 * and opened, the automation editor refusing a broken file at its position and saving one that then runs, dark mode;
 * and the assets' caching and compression over HTTP. Screenshots at 1366×900 and 390×844 go to target/screenshots
 * (with -Dhearth.docs.screenshots=true also to docs/).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardDailyUseBrowserTest {
    static final String DEVICES = TestHome.DEVICES + """
              - id: hallway_fan
                name: Hallway fan
                kind: generic
                room: hallway
                state_topic: zigbee2mqtt/hallway_fan
                attributes:
                  power: { type: boolean, writable: true }
                  mode: { type: enum, options: [low, high, auto], writable: true }
                  speed: { type: number, unit: "%", min: 0, max: 100, writable: true }
                  info: { type: text }
                  battery: { type: number, unit: "%", min: 0, max: 100 }
                  linkquality: { type: number, min: 0, max: 255 }
              - id: hallway_lux
                name: Hallway light level
                kind: illuminance_sensor
                room: hallway
                state_topic: zigbee2mqtt/hallway_lux
            """;
    static final String AUTOMATIONS = TestHome.HALLWAY_AUTOMATIONS + """
              - id: dark_only
                description: Lights up the hallway only when it is dark
                triggers:
                  - trigger: state
                    device: hallway_motion
                    attribute: occupancy
                    to: true
                conditions:
                  - condition: numeric
                    device: hallway_lux
                    attribute: illuminance
                    below: 30
                actions:
                  - command: { device: hallway_light, set: { brightness: 200 } }
            """;
    static final String MADE_IN_THE_EDITOR = """
              - id: fan_on_motion
                triggers:
                  - trigger: state
                    device: hallway_motion
                    attribute: occupancy
                    to: true
                actions:
                  - command: { device: hallway_fan, set: { mode: auto } }
            """;

    @TempDir
    static Path dir;
    static DashboardRig rig;
    static TestHome home;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static MotionSensor motion;
    static SimClient fan;
    static final List<String> fanCommands = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        rig = DashboardRig.start(dir, MosquittoBroker.start(), yaml -> yaml, DEVICES, AUTOMATIONS);
        home = rig.home;
        browser = rig.browser;
        wait = rig.wait;
        motion = home.motionSensor();
        home.light();
        fan = home.connectedClient("fan");
        fan.subscribe("zigbee2mqtt/hallway_fan/set", (t, p) -> fanCommands.add(new String(p, StandardCharsets.UTF_8)));
        report(new JsonObject().put("power", false).put("mode", "low").put("speed", 40).put("info", "filter ok")
                .put("battery", 87).put("linkquality", 120));
        fan.publish("zigbee2mqtt/hallway_lux", new JsonObject().put("illuminance", 197).encode());
        home.awaitKnown("hallway_fan", "linkquality");
        home.awaitKnown("hallway_lux", "illuminance");
        home.awaitKnown("hallway_motion", "occupancy");
    }

    @AfterAll
    static void stop() {
        if (rig != null) rig.close();
    }

    @Test
    @Order(1)
    void hashVersionedAssetsAreCachedForGoodTheHtmlIsNotAndTextIsCompressed() {
        try (SignedInClient client = new SignedInClient(home.gateway()).signIn(home.gateway().accessToken().value())) {
            HttpResponse<Buffer> page = client.request(io.vertx.core.http.HttpMethod.GET, "/").putHeader("Accept-Encoding", "gzip").send().await();
            assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
            assertThat(page.getHeader("Content-Encoding")).isEqualTo("gzip");
            HttpResponse<Buffer> plainPage = client.get("/");
            Matcher main = Pattern.compile("src=\"(/app/[0-9a-f]{16}/main\\.js)\"").matcher(plainPage.bodyAsString());
            assertThat(main.find()).as("the page names a content-versioned main.js: %s", plainPage.bodyAsString()).isTrue();

            HttpResponse<Buffer> script = client.request(io.vertx.core.http.HttpMethod.GET, main.group(1)).putHeader("Accept-Encoding", "gzip").send().await();
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.getHeader("Cache-Control")).contains("immutable").contains("max-age=31536000");
            assertThat(script.getHeader("Content-Type")).startsWith("text/javascript");
            assertThat(script.getHeader("Content-Encoding")).isEqualTo("gzip");

            HttpResponse<Buffer> otherVersion = client.get(main.group(1).replaceFirst("/app/[0-9a-f]{16}/", "/app/0000000000000000/"));
            assertThat(otherVersion.statusCode()).as("another version's path is not this version's file").isEqualTo(404);
            assertThat(client.get("/app/main.js").statusCode()).as("unversioned paths are gone").isEqualTo(404);

            HttpResponse<Buffer> api = client.request(io.vertx.core.http.HttpMethod.GET, "/api/devices").putHeader("Accept-Encoding", "gzip").send().await();
            assertThat(api.getHeader("Content-Encoding")).as("JSON is text too").isEqualTo("gzip");
        }
    }

    @Test
    @Order(2)
    void aGenericDevicesWritableAttributesAreControlledFromItsCard() {
        signIn();
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-hallway_fan")));
        assertThat(card.findElement(By.cssSelector(".badge.battery")).getText()).isEqualTo("battery 87 %");
        assertThat(card.findElement(By.cssSelector(".badge.link")).getText()).isEqualTo("link 120");
        assertThat(card.findElement(By.cssSelector(".extras [data-attribute=info]")).getText()).isEqualTo("filter ok");
        WebElement power = card.findElement(By.cssSelector(".toggle[data-attribute=power]"));
        assertThat(power.getAttribute("aria-label")).isEqualTo("Hallway fan power: OFF");

        new Select(card.findElement(By.cssSelector("select[data-attribute=mode]"))).selectByValue("high");
        await().atMost(Duration.ofSeconds(10)).until(() -> fanCommands.stream().anyMatch(c -> new JsonObject(c).getValue("mode").equals("high")));
        power.click();
        await().atMost(Duration.ofSeconds(10)).until(() -> fanCommands.stream().anyMatch(c -> Boolean.TRUE.equals(new JsonObject(c).getValue("power"))));

        report(new JsonObject().put("power", true).put("mode", "high"));
        wait.until(d -> "Hallway fan power: ON".equals(d.findElement(By.cssSelector("#device-hallway_fan .toggle[data-attribute=power]")).getAttribute("aria-label")));
        assertThat(browser.findElements(By.cssSelector("#device-hallway_fan .chart-button")))
                .extracting(e -> e.getAttribute("data-attribute")).contains("speed", "power", "battery");
    }

    @Test
    @Order(3)
    void focusStaysOnAControlWhileLiveUpdatesChangeItsCard() {
        WebElement mode = browser.findElement(By.cssSelector("#device-hallway_fan select[data-attribute=mode]"));
        WebElement power = browser.findElement(By.cssSelector("#device-hallway_fan .toggle[data-attribute=power]"));
        browser.executeScript("arguments[0].focus();", power);
        report(new JsonObject().put("info", "filter due").put("speed", 70).put("power", false));
        wait.until(d -> "filter due".equals(d.findElement(By.cssSelector("#device-hallway_fan [data-attribute=info]")).getText()));
        wait.until(d -> "Hallway fan power: OFF".equals(power.getAttribute("aria-label")));
        assertThat(browser.executeScript("return document.activeElement === arguments[0];", power))
                .as("the focused toggle is the same element, patched in place").isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("#device-hallway_fan input[data-attribute=speed]")).getAttribute("value")).isEqualTo("70");

        browser.executeScript("arguments[0].focus();", mode);
        report(new JsonObject().put("mode", "auto").put("battery", 12));
        wait.until(d -> d.findElement(By.cssSelector("#device-hallway_fan .badge.battery")).getAttribute("class").contains("low"));
        assertThat(browser.executeScript("return document.activeElement === arguments[0];", mode)).isEqualTo(true);
    }

    @Test
    @Order(4)
    void aChartHasARangePickerAndSaysInWordsWhatItShows() {
        viewport(1366, 900);
        browser.findElement(By.cssSelector("#device-hallway_lux .chart-button[data-attribute=illuminance]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#device-hallway_lux .chart .uplot canvas")));
        String day = browser.findElement(By.cssSelector("#device-hallway_lux .chart-summary")).getText();
        assertThat(day).startsWith("Hallway light level illuminance from ").contains("(Etc/UTC)")
                .endsWith("min 197 lx, max 197 lx, last 197 lx.");
        assertThat(browser.findElement(By.cssSelector("#device-hallway_lux .chart [role=img]")).getAttribute("aria-label")).isEqualTo(day);
        WebElement hour = browser.findElement(By.xpath("//*[@id='device-hallway_lux']//button[@class='quiet range-button' and text()='1 h']"));
        hour.click();
        wait.until(d -> "true".equals(hour.getAttribute("aria-pressed")));
        wait.until(d -> {
            String text = d.findElement(By.cssSelector("#device-hallway_lux .chart-summary")).getText();
            return !text.equals(day) && text.endsWith("last 197 lx.");
        });
        screenshot("dashboard-desktop");
    }

    @Test
    @Order(5)
    void identicalNearMissesAreFoldedWithTheirReasonAndARunOpensOnClick() {
        for (int i = 0; i < 3; i++) {
            motion.detect();
            motion.clear();
        }
        browser.findElement(By.id("tab-automations")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("automation-dark_only")));
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("dark_only") >= 3 && runs("hallway_off") >= 3);
        browser.findElement(By.cssSelector("#automation-dark_only .show-trace")).click();
        WebElement group = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#runs-dark_only .run-group")));
        assertThat(browser.findElements(By.cssSelector("#runs-dark_only .run-group"))).as("one group for identical outcomes").hasSize(1);
        assertThat(group.findElement(By.cssSelector(".count")).getText()).isEqualTo("×3");
        assertThat(group.findElement(By.cssSelector(".reason")).getText()).isEqualTo("did not run: hallway_lux.illuminance 197 ≥ 30");
        WebElement head = group.findElement(By.cssSelector(".run-group-head"));
        assertThat(head.getAttribute("aria-expanded")).as("the newest run is open at first").isEqualTo("true");

        head.click();
        wait.until(d -> d.findElements(By.cssSelector("#runs-dark_only .run")).isEmpty());
        head.click();
        List<WebElement> runs = wait.until(d -> {
            List<WebElement> r = d.findElements(By.cssSelector("#runs-dark_only .run-head"));
            return r.size() == 3 ? r : null;
        });
        runs.get(2).click();
        WebElement trace = wait.until(d -> d.findElements(By.cssSelector("#runs-dark_only .trace .timeline")).stream()
                .filter(WebElement::isDisplayed).skip(1).findFirst().orElse(null));
        assertThat(trace.getText()).contains("triggered by").contains("hallway_lux.illuminance below 30").contains("condition failed");
        screenshot("dashboard-automations");
    }

    @Test
    @Order(6)
    void theEditorRefusesABrokenFileAtItsPositionAndSavesAGoodOneThatThenRuns() throws Exception {
        browser.findElement(By.cssSelector("#automation-dark_only .edit-file")).click();
        WebElement text = wait.until(d -> {
            WebElement t = d.findElement(By.id("editor-text"));
            return t.isEnabled() && t.getAttribute("value").contains("dark_only") ? t : null;
        });
        String good = text.getAttribute("value");
        assertThat(good).isEqualTo(Files.readString(home.dir().resolve("automations/test.yaml")));

        setText(text, good.replace("    triggers:\n      - trigger: state\n        device: hallway_motion\n        attribute: occupancy\n        to: false",
                "    triggers:\n      - trigger: state\n        device: hallway_motoin\n        attribute: occupancy\n        to: false"));
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#editor-problems .problem")));
        int line = lineOf(good, "device: hallway_motion", 2);
        assertThat(problem.getText()).startsWith("test.yaml:" + line + ":17: ").contains("hallway_motoin");
        browser.findElement(By.id("editor-save")).click();
        wait.until(d -> d.findElement(By.id("editor-result")).getText().contains("not saved"));
        assertThat(Files.readString(home.dir().resolve("automations/test.yaml"))).as("a refused file is not written").isEqualTo(good);
        // The refusal listed the problems again: a click on one puts the caret where it is.
        browser.findElement(By.cssSelector("#editor-problems .problem")).click();
        assertThat(browser.findElement(By.id("editor-position")).getText()).isEqualTo("line " + line + ", column 17");

        setText(text, good + MADE_IN_THE_EDITOR);
        text.sendKeys("\n  - trig");
        wait.until(d -> d.findElements(By.cssSelector("#editor-suggestions li")).stream().anyMatch(e -> e.getText().equals("triggers:")));
        setText(text, good + MADE_IN_THE_EDITOR);
        wait.until(d -> d.findElement(By.id("editor-status")).getText().equals("no problems"));
        screenshot("dashboard-editor");
        browser.findElement(By.id("editor-save")).click();
        wait.until(d -> d.findElement(By.id("editor-result")).getText().contains("fan_on_motion"));
        assertThat(browser.findElement(By.id("editor-result")).getText()).startsWith("Saved and reloaded");
        assertThat(Files.readString(home.dir().resolve("automations/test.yaml.bak"))).isEqualTo(good);

        fanCommands.clear();
        motion.detect();
        await().atMost(Duration.ofSeconds(10)).until(() -> fanCommands.stream().anyMatch(c -> "auto".equals(new JsonObject(c).getValue("mode"))));
        motion.clear();
    }

    @Test
    @Order(7)
    void darkModeFollowsTheSystemSetting() {
        browser.findElement(By.id("tab-home")).click();
        String light = (String) browser.executeScript("return getComputedStyle(document.body).backgroundColor;");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            wait.until(d -> "rgb(27, 25, 23)".equals(browser.executeScript("return getComputedStyle(document.body).backgroundColor;")));
            assertThat(light).isEqualTo("rgb(246, 244, 241)");
            screenshot("dashboard-dark");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        }
    }

    @Test
    @Order(8)
    void onAPhoneTheControlsFitTheWidth() {
        viewport(390, 844);
        WebElement card = wait.until(d -> {
            WebElement c = d.findElement(By.id("device-hallway_fan"));
            return c.getSize().getWidth() <= 390 ? c : null;
        });
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", card);
        screenshot("dashboard-phone");
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(390L);
        browser.findElement(By.id("tab-automations")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("automation-dark_only")));
        screenshot("dashboard-automations-phone");
    }

    private static void viewport(int width, int height) {
        rig.viewport(width, height);
    }

    private static void signIn() {
        rig.signIn();
    }

    private static void report(JsonObject state) {
        fan.publish("zigbee2mqtt/hallway_fan", state.encode());
    }

    private static long runs(String automation) {
        return (Long) browser.executeAsyncScript("fetch('/api/automations/" + automation
                + "/runs?limit=50').then(r => r.json()).then(b => arguments[0](b.runs.length));");
    }

    private static void setText(WebElement area, String value) {
        browser.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, value);
    }

    /** The 1-based line of the {@code nth} occurrence of {@code text}. */
    private static int lineOf(String file, String text, int nth) {
        String[] lines = file.split("\n", -1);
        for (int i = 0, seen = 0; i < lines.length; i++) if (lines[i].contains(text) && ++seen == nth) return i + 1;
        throw new AssertionError(text + " not found " + nth + " times");
    }

    private static void screenshot(String name) {
        rig.screenshot(name);
    }
}

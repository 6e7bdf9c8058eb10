package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.device.TemperatureSensor;
import dev.hearth.sim.device.Thermostat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in real headless Chromium against a running gateway on Mosquitto with simulated
 * devices: sign in, live updates without reload, a light toggled from the page, an automation's
 * trace, device text shown as text, the offline banner. One browser and one gateway for the class;
 * the tests run in order (the last one stops the broker).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    static final String DEVICES = TestHome.DEVICES + """
              - id: xss_lamp
                name: "%s"
                kind: light
                room: hallway
                state_topic: zigbee2mqtt/xss_lamp
              - id: hallway_display
                name: Hallway display
                kind: generic
                room: hallway
                state_topic: zigbee2mqtt/hallway_display
                attributes:
                  message: { type: text }
              - id: living_thermostat
                name: Living room radiator
                kind: thermostat
                room: living_room
                state_topic: zigbee2mqtt/living_thermostat
            """.formatted(XSS_NAME);

    @TempDir
    static Path dir;
    static DashboardRig rig;
    static MosquittoBroker broker;
    static TestHome home;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static Light light;
    static MotionSensor motion;

    @BeforeAll
    static void start() {
        // History is written once a minute here: the chart must still end at the value the card shows.
        rig = DashboardRig.start(dir, MosquittoBroker.start(),
                yaml -> yaml.replace("connect_timeout: 2s", "connect_timeout: 1s") + "history:\n  commit_interval: 1m\n",
                DEVICES.replace("  - id: living_temperature\n    kind: temperature_sensor\n",
                        "  - id: living_temperature\n    kind: temperature_sensor\n    room: living_room\n"),
                TestHome.HALLWAY_AUTOMATIONS);
        broker = rig.broker;
        home = rig.home;
        browser = rig.browser;
        wait = rig.wait;
        light = home.light();
        motion = home.motionSensor();
        TemperatureSensor temperature = home.started(new TemperatureSensor(home.client("living_temperature"),
                DeviceTopics.zigbee2mqtt("zigbee2mqtt/living_temperature")));
        Thermostat thermostat = home.started(new Thermostat(home.client("living_thermostat"),
                DeviceTopics.zigbee2mqtt("zigbee2mqtt/living_thermostat")));
        thermostat.setSystemMode("heat");
        thermostat.setSetpoint(21);
        for (double t : new double[]{19.0, 19.4, 19.9, 20.3}) temperature.report(t, 45);
        home.awaitKnown("hallway_light", "state");
        home.awaitKnown("hallway_motion", "occupancy");
        home.awaitKnown("living_temperature", "temperature");
    }

    @AfterAll
    static void stop() {
        if (rig != null) rig.close();
    }

    @Test
    @Order(1)
    void signingInWithTheAccessTokenOpensTheHome() {
        browser.get(home.gateway().dashboardUrl());
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("secret")).sendKeys("wrong-token");
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("wrong password or access token");

        WebElement secret = browser.findElement(By.id("secret"));
        secret.clear();
        secret.sendKeys(home.gateway().accessToken().value());
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-hallway_light")));
        assertThat(browser.findElements(By.cssSelector(".room h2"))).extracting(e -> e.getText().toLowerCase())
                .contains("hallway", "living room");
        assertThat(browser.findElement(By.id("link")).getText()).isEqualTo("online");
    }

    @Test
    @Order(2)
    void simulatedMotionAppearsLiveWithoutReload() {
        browser.executeScript("window.notReloaded = true;");
        wait.until(d -> "Clear".equals(motionText()));
        motion.detect();
        wait.until(d -> "Motion".equals(motionText()));
        Chromium.screenshot(browser, "dashboard-home");
        motion.clear();
        wait.until(d -> "Clear".equals(motionText()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "OFF".equals(light.state()));
        assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }

    @Test
    @Order(3)
    void clickingTheLightToggleSwitchesTheSimulatedLight() {
        wait.until(d -> "OFF".equals(toggle().getText()));
        click(toggle());
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON".equals(light.state()));
        wait.until(d -> "ON".equals(toggle().getText()));
        click(toggle());
        await().atMost(Duration.ofSeconds(10)).until(() -> "OFF".equals(light.state()));
    }

    @Test
    @Order(4)
    void aDeviceNameThatLooksLikeHtmlIsShownAsText() {
        WebElement card = browser.findElement(By.id("device-xss_lamp"));
        assertThat(card.findElement(By.cssSelector(".device-name")).getText()).isEqualTo(XSS_NAME);
        assertThat(card.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    }

    @Test
    @Order(4)
    void aTextValueFromADevicePayloadIsShownAsText() {
        String payload = "<script>document.title='pwned'</script><b>bold</b>";
        home.connectedClient("display").publish("zigbee2mqtt/hallway_display", new JsonObject().put("message", payload).encode());
        wait.until(d -> d.findElement(By.cssSelector("#device-hallway_display [data-attribute=message]")).getText().contains(payload));
        assertThat(browser.findElements(By.cssSelector("#device-hallway_display b, #device-hallway_display script"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("Hearth");
    }

    @Test
    @Order(5)
    void aTemperatureHistoryChartIsDrawnUpToTheCurrentValueBeforeTheHistoryIsWritten() {
        browser.findElement(By.cssSelector("#device-living_temperature .chart-button[data-attribute=temperature]")).click();
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#device-living_temperature .chart .uplot canvas")));
        assertThat(browser.findElement(By.cssSelector("#device-living_temperature .legend-heating")).getText())
                .as("the radiator in the same room was heating").isEqualTo("shaded: heating");
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", chart);
        Chromium.screenshot(browser, "dashboard-chart");
    }

    @Test
    @Order(6)
    void anAutomationsTraceOpensOnItsPage() {
        browser.findElement(By.id("tab-automations")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("automation-hallway_on")));
        browser.findElement(By.cssSelector("#automation-hallway_on .show-trace")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#runs-hallway_on .trace")));
        String trace = browser.findElement(By.cssSelector("#runs-hallway_on .trace")).getText();
        assertThat(trace).contains("hallway_motion").contains("hallway_light");
        Chromium.screenshot(browser, "dashboard-automations");
    }

    @Test
    @Order(7)
    void theLogbookFiltersByDeviceAndAddsLiveEntries() {
        browser.findElement(By.id("tab-logbook")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("logbook-device"))).selectByValue("hallway_motion");
        // History (and the logbook) is written once a minute here: what shows up came live.
        motion.detect();
        wait.until(d -> !d.findElements(By.cssSelector("#logbook .event.state")).isEmpty());
        motion.clear();
        wait.until(d -> d.findElements(By.cssSelector("#logbook .event")).size() >= 2);
        assertThat(browser.findElements(By.cssSelector("#logbook .event")))
                .allSatisfy(e -> assertThat(e.getAttribute("data-device")).isEqualTo("hallway_motion"));
        browser.findElement(By.id("tab-home")).click();
    }

    @Test
    @Order(8)
    void onAPhoneTheCardsStackInOneColumn() {
        Dimension wide = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            wait.until(d -> {
                WebElement first = d.findElement(By.id("device-hallway_light"));
                return first.getSize().getWidth() > 300 && first.getSize().getWidth() <= 390;
            });
            Chromium.screenshot(browser, "dashboard-phone");
        } finally {
            browser.manage().window().setSize(wide);
        }
    }

    @Test
    @Order(9)
    void theOfflineBannerShowsWhenTheBrokerStops() {
        assertThat(browser.findElement(By.id("offline-banner")).isDisplayed()).isFalse();
        broker.stop();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("offline-banner")));
        assertThat(browser.findElement(By.id("offline-banner")).getText()).contains("offline from the broker").contains("buffered");
        assertThat(browser.findElement(By.id("link")).getText()).isEqualTo("offline");
        // Issue 17, item 6: the attempts to reconnect are refused, and the banner says so in words.
        String refused = "connection refused by 127.0.0.1:" + java.net.URI.create(broker.url()).getPort();
        wait.until(d -> d.findElement(By.id("offline-banner")).getText().contains(refused));
        assertThat(browser.findElement(By.id("offline-banner")).getText()).doesNotContain("Exception");
        Chromium.screenshot(browser, "dashboard-offline");
    }

    private static String motionText() {
        return browser.findElement(By.cssSelector("#device-hallway_motion .big")).getText();
    }

    /** Clicks, retrying once if the card was re-rendered between finding and clicking. */
    private static void click(WebElement element) {
        try {
            element.click();
        } catch (StaleElementReferenceException e) {
            toggle().click();
        }
    }

    private static WebElement toggle() {
        return browser.findElement(By.cssSelector("#device-hallway_light .toggle"));
    }
}

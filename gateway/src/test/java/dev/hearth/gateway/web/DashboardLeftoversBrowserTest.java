package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16/17 leftovers, in headless Chromium against a gateway whose logbook writes once a minute: a light's
 * write-only colour words are no JSON fields; the logbook's device filter names devices with their room; a page
 * reloaded within the batch window shows the entries the live stream showed; the status page names the broker.
 * Each failed before its fix (the first three deterministically).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardLeftoversBrowserTest {
    @TempDir
    static Path dir;
    static DashboardRig rig;

    @BeforeAll
    static void start() {
        rig = DashboardRig.start(dir, MosquittoBroker.start(), yaml -> yaml + "history:\n  commit_interval: 1m\n",
                TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS);
        rig.home.light();
        rig.home.awaitKnown("hallway_light", "state");
        rig.viewport(1366, 900);
        rig.signIn();
        rig.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-hallway_light")));
    }

    @AfterAll
    static void stop() {
        if (rig != null) rig.close();
    }

    @Test
    @Order(1)
    void aLightsWriteOnlyColourWordsAreCoveredByItsColourPickerNotJsonFields() {
        WebElement light = rig.browser.findElement(By.id("device-hallway_light"));
        assertThat(light.findElements(By.cssSelector("input[type=color]"))).hasSize(1);
        assertThat(light.findElements(By.cssSelector("input[type=color][data-attribute=color]"))).hasSize(1);
        for (String word : List.of("xy", "hs", "rgb")) {
            assertThat(light.findElements(By.cssSelector("[data-attribute=" + word + "]"))).as(word).isEmpty();
        }
        assertThat(rig.browser.findElements(By.cssSelector("input.json"))).as("no JSON field anywhere").isEmpty();
    }

    @Test
    @Order(2)
    void theLogbooksDeviceFilterListsNamesWithTheirRoomSortedWithIdsAsValues() {
        rig.browser.findElement(By.id("tab-logbook")).click();
        Select devices = new Select(rig.browser.findElement(By.id("logbook-device")));
        rig.wait.until(d -> devices.getOptions().size() > 1);
        List<WebElement> options = devices.getOptions().subList(1, devices.getOptions().size());
        String hallwayLight = rig.home.gateway().registry().spec(new dev.hearth.gateway.device.DeviceId("hallway_light"))
                .orElseThrow().name();
        assertThat(options).anySatisfy(o -> {
            assertThat(o.getAttribute("value")).isEqualTo("hallway_light");
            assertThat(o.getText()).isEqualTo(hallwayLight + " (hallway)");
        });
        assertThat(options.stream().map(o -> o.getAttribute("value")).toList())
                .containsExactlyInAnyOrder("hallway_motion", "hallway_light", "living_temperature", "kitchen_plug");
        List<String> labels = options.stream().map(WebElement::getText).toList();
        assertThat(labels).isSortedAccordingTo(Comparator.comparing(String::toLowerCase));
    }

    @Test
    @Order(3)
    void aPageReloadedBeforeTheBatchIsWrittenShowsWhatTheLiveStreamShowed() {
        new Select(rig.browser.findElement(By.id("logbook-device"))).selectByValue("hallway_motion");
        rig.home.motionSensor().detect();
        rig.wait.until(d -> entries().stream().anyMatch(e -> e.getText().contains("occupancy false → true")));
        String live = entries().stream().filter(e -> e.getText().contains("occupancy false → true")).findFirst().orElseThrow()
                .getAttribute("data-id");

        rig.browser.navigate().refresh();
        rig.wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-logbook"))).click();
        rig.wait.until(d -> entries().stream().anyMatch(e -> live.equals(e.getAttribute("data-id"))));
    }

    @Test
    @Order(4)
    void theStatusPageNamesTheBrokerAndSinceWhen() {
        rig.browser.findElement(By.id("tab-status")).click();
        rig.wait.until(d -> d.findElement(By.id("status-link")).getText().contains("connected"));
        String link = rig.browser.findElement(By.id("status-link")).getText();
        assertThat(link).contains(rig.broker.url()).contains("Connected since").doesNotContain("not known");
    }

    private static List<WebElement> entries() {
        return rig.browser.findElements(By.cssSelector("#logbook .event"));
    }
}

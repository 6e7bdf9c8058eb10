package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the dashboard's browser tests share: a gateway on a Mosquitto broker and one headless Chromium, started
 * together and stopped in reverse order.
 */
final class DashboardRig implements AutoCloseable {
    final MosquittoBroker broker;
    final TestHome home;
    final ChromeDriver browser;
    final WebDriverWait wait;

    private DashboardRig(MosquittoBroker broker, TestHome home, ChromeDriver browser) {
        this.broker = broker;
        this.home = home;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // Parts of the page are drawn again on changes: an element found a moment ago may be gone.
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** A gateway on {@code broker} (gateway.yaml as {@code yaml} makes it from the test default), connected, and a browser. */
    static DashboardRig start(Path dir, MosquittoBroker broker, UnaryOperator<String> yaml, String devices, String automations) {
        TestHome home = null;
        try {
            home = TestHome.start(dir.resolve("home"), yaml.apply(TestHome.externalBroker(broker.url(), "30s")), devices,
                    automations, broker.url()).awaitConnected();
            return new DashboardRig(broker, home, Chromium.start(dir.resolve("chromium")));
        } catch (RuntimeException e) {
            if (home != null) home.close();
            broker.close();
            throw e;
        }
    }

    /** Opens the dashboard and signs in with the access token. */
    void signIn() {
        browser.get(home.gateway().dashboardUrl());
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("secret")).sendKeys(home.gateway().accessToken().value());
        browser.findElement(By.id("login-button")).click();
    }

    /** The page's own size (the window's would include what a real browser draws around it). */
    void viewport(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** A screenshot under target/screenshots; with -Dhearth.docs.screenshots=true also in docs/. */
    void screenshot(String name) {
        Path shot = Chromium.screenshot(browser, name);
        if (Boolean.getBoolean("hearth.docs.screenshots")) {
            try {
                java.nio.file.Files.copy(shot, dev.hearth.gateway.support.RepositoryHome.root().resolve("docs").resolve(name + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        browser.quit();
        home.close();
        broker.close();
    }
}

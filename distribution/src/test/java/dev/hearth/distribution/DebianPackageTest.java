package dev.hearth.distribution;

import dev.hearth.sim.broker.MosquittoBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The Debian package the build made (target/hearth_*_all.deb): its control fields and files, its unit, and a real
 * install into a throw-away root (dpkg --instdir, maintainer scripts run without chroot, DPKG_ROOT set: no user, no
 * service touched), where the installed launcher checks the installed configuration and runs the service's command
 * line against a Mosquitto; then an upgrade keeps an edited configuration, remove keeps data, purge removes it.
 */
class DebianPackageTest {
    private static final long MB = 1_000_000;
    private static Path deb;
    private static Path brokerDeb;

    @BeforeAll
    static void findPackage() throws IOException {
        assumeThat(Shell.available("dpkg-deb")).as("dpkg-deb is not installed: the build made no Debian package").isTrue();
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            deb = files.filter(f -> f.getFileName().toString().matches("hearth_.*_all\\.deb")).findFirst().orElseThrow();
        }
        brokerDeb = deb.resolveSibling(deb.getFileName().toString().replace("hearth_", "hearth-broker_"));
    }

    @Test
    void controlFieldsNameAJava17RuntimeAndTheConfigurationIsConffiles(@TempDir Path tmp) throws Exception {
        Shell control = Shell.run(tmp, "dpkg-deb", "--field", deb.toAbsolutePath().toString());

        assertThat(control.output()).contains("Package: hearth", "Architecture: all",
                "Depends: default-jre-headless (>= 2:1.17) | openjdk-17-jre-headless | java17-runtime-headless");
        assertThat(Shell.run(tmp, "dpkg-deb", "--info", deb.toAbsolutePath().toString(), "conffiles").output())
                .contains("/etc/hearth/gateway.yaml", "/etc/hearth/devices.yaml", "/etc/hearth/automations/hallway.yaml");
    }

    @Test
    void contentsAreTheLauncherTheJarsTheConfigurationTheUnitAndTheCompletion(@TempDir Path tmp) throws Exception {
        Shell contents = Shell.run(tmp, "dpkg-deb", "--contents", deb.toAbsolutePath().toString());

        assertThat(contents.status()).isZero();
        assertThat(contents.output()).contains("./usr/share/hearth/bin/hearth", "./usr/share/hearth/bin/jvm.options",
                "./usr/share/hearth/lib/hearth.jar", "./usr/share/hearth/lib/hearth-tools.jar",
                "./usr/bin/hearth -> ../share/hearth/bin/hearth", "./etc/hearth/gateway.yaml", "./lib/systemd/system/hearth.service",
                "./usr/share/bash-completion/completions/hearth")
                .doesNotContain("hearth.jsa", "librocksdbjni", "hearth-broker.jar");
        assertThat(Files.size(deb)).as("the package a Mosquitto user installs").isLessThan(30 * MB);
    }

    @Test
    void theEmbeddedBrokerIsAPackageOfItsOwnThatNeedsThisVersionOfHearth(@TempDir Path tmp) throws Exception {
        String version = Shell.run(tmp, "dpkg-deb", "--field", deb.toAbsolutePath().toString(), "Version").output().strip();

        assertThat(Shell.run(tmp, "dpkg-deb", "--field", brokerDeb.toAbsolutePath().toString()).output())
                .contains("Package: hearth-broker", "Architecture: all", "Depends: hearth (= " + version + ")");
        assertThat(Shell.run(tmp, "dpkg-deb", "--contents", brokerDeb.toAbsolutePath().toString()).output())
                .contains("./usr/share/hearth/lib/hearth-broker.jar").doesNotContain("./etc/", "hearth.jar ");
        assertThat(Files.size(deb) + Files.size(brokerDeb)).as("both packages, for a home without a broker").isLessThan(50 * MB);
    }

    @Test
    void installedIntoAThrowAwayRootItChecksRunsAndUpgradesRemovesAndPurgesCleanly(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));

        assertThat(dpkg(root, "-i", deb.toAbsolutePath().toString()).status()).isZero();
        Path etc = root.resolve("etc/hearth");
        assertThat(Files.readString(etc.resolve("gateway.yaml"))).contains("embedded: false", "url: tcp://127.0.0.1:1883");
        Shell check = Shell.run(root, root.resolve("usr/bin/hearth").toString(), "check", "-c", etc.toString());
        assertThat(check.output()).contains("OK: ");
        assertThat(check.status()).isZero();
        assertThat(Shell.run(root, root.resolve("usr/bin/hearth").toString(), "--version").output()).startsWith("Hearth ").contains("Java ");
        verifyUnit(root);
        runServiceCommandLine(root, etc);
        checkEmbeddedBrokerNeedsItsPackage(root, etc);

        Files.writeString(etc.resolve("gateway.yaml"), Files.readString(etc.resolve("gateway.yaml")) + "# my edit\n");
        Path data = Files.createDirectories(root.resolve("var/lib/hearth")).resolve("hearth.mv.db");
        Files.writeString(data, "data");
        assertThat(dpkg(root, "--force-confold", "-i", deb.toAbsolutePath().toString()).status()).as("upgrade").isZero();
        assertThat(Files.readString(etc.resolve("gateway.yaml"))).as("the upgrade keeps the edit").endsWith("# my edit\n");
        assertThat(data).exists();

        assertThat(dpkg(root, "-r", "hearth-broker").status()).isZero();
        assertThat(root.resolve("usr/share/hearth/lib/hearth-broker.jar")).doesNotExist();
        assertThat(dpkg(root, "-r", "hearth").status()).isZero();
        assertThat(root.resolve("usr/share/hearth")).doesNotExist();
        assertThat(data).as("remove keeps the data").exists();
        assertThat(etc.resolve("gateway.yaml")).as("remove keeps the configuration").exists();

        assertThat(dpkg(root, "-P", "hearth").status()).isZero();
        assertThat(root.resolve("var/lib/hearth")).as("purge removes the data").doesNotExist();
        assertThat(etc).as("purge removes the configuration").doesNotExist();
        try (Stream<Path> left = Files.walk(root)) {
            assertThat(left.filter(Files::isRegularFile).filter(f -> !f.startsWith(root.resolve("var/lib/dpkg"))))
                    .as("nothing left behind but dpkg's own records").isEmpty();
        }
    }

    /** An embedded-broker configuration fails {@code hearth check} until hearth-broker is installed, then passes. */
    private static void checkEmbeddedBrokerNeedsItsPackage(Path root, Path etc) throws Exception {
        Path embedded = Files.createDirectories(root.resolve("tmp-embedded"));
        Files.writeString(embedded.resolve("gateway.yaml"), Files.readString(etc.resolve("gateway.yaml"))
                .replace("embedded: false", "embedded: true").replace("automations_dir: automations", "automations_dir: " + etc.resolve("automations")));
        Files.copy(etc.resolve("devices.yaml"), embedded.resolve("devices.yaml"));
        String hearth = root.resolve("usr/bin/hearth").toString();

        Shell without = Shell.run(root, hearth, "check", "-c", embedded.toString());
        assertThat(without.status()).isEqualTo(2);
        assertThat(without.output()).contains("the embedded broker is not installed", "the hearth-broker package");

        assertThat(dpkg(root, "-i", brokerDeb.toAbsolutePath().toString()).status()).isZero();
        Shell with = Shell.run(root, hearth, "check", "-c", embedded.toString());
        assertThat(with.output()).contains("OK: ");
        assertThat(with.status()).isZero();
        try (Stream<Path> files = Files.list(embedded)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(embedded);
    }

    /** systemd-analyze verify on the installed unit, its ExecStart pointed into the throw-away root. */
    private static void verifyUnit(Path root) throws Exception {
        String unit = Files.readString(root.resolve("lib/systemd/system/hearth.service"));
        assertThat(unit).contains("User=hearth", "Restart=on-failure", "StateDirectory=hearth", "ConfigurationDirectory=hearth",
                "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                "ReadWritePaths=/var/lib/hearth", "MemoryMax=");
        if (!Shell.available("systemd-analyze")) {
            System.err.println("DebianPackageTest: systemd-analyze is not installed: the unit is not verified by systemd");
            return;
        }
        Path copy = Files.createDirectories(root.resolve("tmp-unit")).resolve("hearth.service");
        Files.writeString(copy, unit.replace("ExecStart=/usr/bin/hearth", "ExecStart=" + root.resolve("usr/bin/hearth")));
        Shell verify = Shell.run(root, "systemd-analyze", "verify", copy.toString());
        assertThat(verify.output()).isEmpty();
        assertThat(verify.status()).isZero();
        Files.delete(copy);
        Files.delete(copy.getParent());
    }

    /** The unit's ExecStart (run -c <config>) for a few seconds, on a copy pointed at a test Mosquitto and a temporary data directory. */
    private static void runServiceCommandLine(Path root, Path etc) throws Exception {
        Path work = Files.createTempDirectory("hearth-service-");
        try (MosquittoBroker mosquitto = MosquittoBroker.start()) {
            Path config = Files.createDirectories(work.resolve("etc"));
            Files.writeString(config.resolve("gateway.yaml"), Files.readString(etc.resolve("gateway.yaml"))
                    .replace("tcp://127.0.0.1:1883", mosquitto.url())
                    .replace("data_dir: /var/lib/hearth", "data_dir: " + work.resolve("data"))
                    .replace("automations_dir: automations", "automations_dir: " + etc.resolve("automations"))
                    .replace("port: 8080", "port: 0"));
            Files.copy(etc.resolve("devices.yaml"), config.resolve("devices.yaml"));
            Path log = work.resolve("service.log");
            ProcessBuilder command = new ProcessBuilder(root.resolve("usr/bin/hearth").toString(), "run", "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            command.environment().put("HEARTH_CDS", work.resolve("hearth.jsa").toString()); // as the unit sets it
            Process service = command.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("Ready: subscribed"));
                service.destroy();
                assertThat(service.waitFor()).isIn(0, 143);
                assertThat(Files.readString(log)).contains("Connected to " + mosquitto.url()).doesNotContain("Exception");
            } finally {
                service.destroyForcibly();
            }
        } finally {
            Shell.run(Path.of("/"), "rm", "-rf", work.toString());
        }
    }

    private static Shell dpkg(Path root, String... args) throws Exception {
        String[] command = Stream.concat(Stream.of("dpkg", "--instdir=" + root, "--admindir=" + root.resolve("var/lib/dpkg"),
                "--force-script-chrootless", "--force-depends", "--force-not-root", "--force-bad-path"), Stream.of(args))
                .toArray(String[]::new);
        Shell result = Shell.run(root, command);
        if (result.status() != 0) System.err.println(result.output());
        return result;
    }
}

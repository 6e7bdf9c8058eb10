package dev.hearth.gateway.config;

import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.helper.Helper;
import dev.hearth.gateway.helper.HelpersFileReader;
import dev.hearth.gateway.home.Locals;
import dev.hearth.gateway.presence.People;
import dev.hearth.gateway.presence.PeopleFileReader;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlDocument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the optional {@code helpers.yaml} and {@code people.yaml} beside devices.yaml; ids must differ from the devices'. */
final class LocalsReader {
    static final String HELPERS_FILE = "helpers.yaml";
    static final String PEOPLE_FILE = "people.yaml";

    private LocalsReader() {
    }

    static Locals read(Path configDir, List<DeviceSpec> devices, Problems problems) {
        Set<String> taken = new HashSet<>();
        devices.forEach(d -> taken.add(d.id().value()));
        Path helpersPath = configDir.resolve(HELPERS_FILE);
        List<Helper> helpers = !Files.exists(helpersPath) ? List.of()
                : YamlDocument.read(helpersPath, helpersPath.toString(), problems)
                .map(root -> new HelpersFileReader(taken).read(helpersPath.toString(), root, problems)).orElse(List.of());
        helpers.forEach(h -> taken.add(h.id().value()));
        Path peoplePath = configDir.resolve(PEOPLE_FILE);
        People people = !Files.exists(peoplePath) ? People.NONE
                : YamlDocument.read(peoplePath, peoplePath.toString(), problems)
                .map(root -> new PeopleFileReader(taken).read(peoplePath.toString(), root, problems)).orElse(People.NONE);
        return new Locals(helpers, people);
    }
}

package io.phonegate.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Files of the repository, found from wherever the tests run (Maven runs them in deploy/). */
final class Repository {

    private static final Path ROOT = findRoot();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A YAML file of one document, as maps, lists and scalars. */
    static Map<String, Object> yaml(String relative) {
        return Structure.map(yaml().load(read(relative)), relative);
    }

    /** Every document of a (possibly multi-document) YAML file. */
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(read(file))) {
            if (document != null) {
                documents.add(Structure.map(document, file.toString()));
            }
        }
        return documents;
    }

    /** A JSON file as maps, lists and scalars; fails on anything that is not valid JSON. */
    static Map<String, Object> json(String relative) {
        return Structure.map(JSON.readValue(read(relative), Map.class), relative);
    }

    private static Yaml yaml() {
        // Safe: plain data only, no Java types named by tags.
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Path findRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (docker-compose.yml beside deploy/) above " + start);
    }
}

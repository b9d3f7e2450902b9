package io.phonegate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every Kubernetes object in the YAML files under a directory of deploy/k8s. */
final class KubernetesManifests {

    static final String K8S = "deploy/k8s";
    static final String BASE = K8S + "/base";

    record K8sObject(Path file, Map<String, Object> content) {

        String kind() {
            return String.valueOf(content.get("kind"));
        }

        String apiVersion() {
            return String.valueOf(content.get("apiVersion"));
        }

        String name() {
            return Structure.string(Structure.at(content, "metadata").get("name"), file + " metadata.name");
        }
    }

    private KubernetesManifests() {
    }

    static List<Path> yamlFiles(String directory) {
        try (Stream<Path> files = Files.walk(Repository.path(directory))) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of a directory; Kustomize's own files are not objects and are left out. */
    static List<K8sObject> objects(String directory) {
        return yamlFiles(directory).stream()
                .flatMap(file -> Repository.yamlDocuments(file).stream().map(doc -> new K8sObject(file, doc)))
                .filter(object -> !object.apiVersion().startsWith("kustomize.config.k8s.io"))
                .toList();
    }

    static K8sObject find(List<K8sObject> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> object.kind().equals(kind) && object.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + BASE));
    }
}

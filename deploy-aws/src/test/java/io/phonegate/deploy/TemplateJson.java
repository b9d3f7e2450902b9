package io.phonegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/** Reads the synthesized template as plain maps and lists, for checks that span resources. */
final class TemplateJson {

    private final Map<String, Object> resources;

    @SuppressWarnings("unchecked")
    TemplateJson(Template template) {
        this.resources = (Map<String, Object>) template.toJSON().get("Resources");
    }

    /** Logical id to properties of every resource of {@code type}. */
    Map<String, Map<String, Object>> ofType(String type) {
        return resources.entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> properties(e.getKey())));
    }

    Map<String, Object> properties(String logicalId) {
        assertThat(resources).as("resource %s", logicalId).containsKey(logicalId);
        Object properties = map(resources.get(logicalId)).get("Properties");
        return properties == null ? Map.of() : map(properties);
    }

    String typeOf(String logicalId) {
        return (String) map(resources.get(logicalId)).get("Type");
    }

    /** The logical id behind {"Ref": id} or {"Fn::GetAtt": [id, attr]}. */
    static String referencedId(Object reference) {
        Map<String, Object> ref = map(reference);
        if (ref.containsKey("Ref")) {
            return (String) ref.get("Ref");
        }
        assertThat(ref).as("a Ref or Fn::GetAtt").containsKey("Fn::GetAtt");
        return (String) ((List<?>) ref.get("Fn::GetAtt")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** A property that CloudFormation allows as one string or a list of strings, as a list. */
    static List<String> strings(Object value) {
        if (value instanceof String single) {
            return List.of(single);
        }
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String.class::cast).toList();
    }
}

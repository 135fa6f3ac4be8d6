package dev.sluice.adapters.persistence;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A widget's string lists as JSON arrays in a text column. */
final class JsonLists {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private JsonLists() {
    }

    static String write(List<String> values) {
        return JSON.writeValueAsString(values);
    }

    static List<String> read(String json) {
        return JSON.readValue(json, STRINGS);
    }
}

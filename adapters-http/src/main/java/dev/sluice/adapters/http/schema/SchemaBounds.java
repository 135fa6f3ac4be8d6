package dev.sluice.adapters.http.schema;

import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Collections;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What makes a merchant's schema safe to evaluate for anyone holding the public widget secret
 * (api.md, metadataSchema): self-contained (every {@code $ref}/{@code $dynamicRef} is a fragment
 * that resolves inside the schema, so nothing is ever loaded from a URL, a file or the class
 * path), free of reference cycles (which would recurse until the stack overflows), at most
 * {@value #MAX_DEPTH} schemas deep counting through references (a chain of references nests as
 * deeply as the schemas it reaches), and with every pattern accepted by the linear-time engine.
 *
 * <p>Only keywords that hold subschemas are walked: a {@code "$ref"} inside {@code const},
 * {@code enum} or {@code examples} is data, not a reference.
 */
final class SchemaBounds {
    static final int MAX_DEPTH = 16;
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final Set<String> ONE_SCHEMA = Set.of("additionalProperties", "unevaluatedProperties", "items",
            "additionalItems", "unevaluatedItems", "contains", "propertyNames", "not", "if", "then", "else");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "dependentSchemas");
    /** Containers of schemas that apply only where referenced: walked, but not a level of nesting. */
    private static final Set<String> DEFINITIONS = Set.of("$defs", "definitions");

    private final JsonNode root;
    private final Map<String, List<JsonNode>> anchors = new HashMap<>();
    private final List<JsonNode> definitions = new ArrayList<>();
    private final Map<JsonNode, Integer> depths = new IdentityHashMap<>();
    private final Set<JsonNode> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private SchemaBounds(JsonNode root) {
        this.root = root;
    }

    /** Why the schema may not be used, or empty when it is within the bounds. */
    static Optional<String> problem(JsonNode schema) {
        SchemaBounds bounds = new SchemaBounds(schema);
        try {
            bounds.collectAnchorsAndCheckPatterns(schema, true);
            // definitions apply only where referenced, but a cycle among them would still be loaded
            List<JsonNode> starts = new ArrayList<>(bounds.definitions);
            starts.add(schema);
            for (JsonNode start : starts) {
                int depth = bounds.depth(start);
                if (depth > MAX_DEPTH) {
                    return Optional.of("nests " + depth + " schemas deep; at most " + MAX_DEPTH + " are supported");
                }
            }
            return Optional.empty();
        } catch (Refusal refusal) {
            return Optional.of(refusal.getMessage());
        }
    }

    private void collectAnchorsAndCheckPatterns(JsonNode schema, boolean isRoot) {
        if (!schema.isObject()) {
            return;
        }
        if (!isRoot && schema.has("$id")) {
            // an embedded resource would resolve its references against another base
            throw new Refusal("$id is supported only at the top of the schema");
        }
        for (String keyword : List.of("$anchor", "$dynamicAnchor")) {
            JsonNode anchor = schema.get(keyword);
            if (anchor != null && anchor.isString()) {
                anchors.computeIfAbsent(anchor.stringValue(), a -> new ArrayList<>()).add(schema);
            }
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !(dialect.isString() && dialect.stringValue().equals(DRAFT_2020_12))) {
            throw new Refusal("must be a draft 2020-12 schema; $schema may only name " + DRAFT_2020_12);
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && pattern.isString()) {
            requireLinear(pattern.stringValue());
        }
        JsonNode patternProperties = schema.get("patternProperties");
        if (patternProperties != null && patternProperties.isObject()) {
            patternProperties.propertyNames().forEach(SchemaBounds::requireLinear);
        }
        for (String keyword : DEFINITIONS) {
            JsonNode defs = schema.get(keyword);
            if (defs != null && defs.isObject()) {
                defs.propertyNames().forEach(name -> definitions.add(defs.get(name)));
            }
        }
        subschemas(schema, true).forEach(child -> collectAnchorsAndCheckPatterns(child, false));
    }

    private static void requireLinear(String pattern) {
        try {
            com.google.re2j.Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new Refusal("the pattern " + pattern
                    + " needs backtracking (back-references, look-around) or is not a regular expression");
        }
    }

    /** Nesting depth through subschemas and references; a reference reached again on its own path is a cycle. */
    private int depth(JsonNode schema) {
        Integer known = depths.get(schema);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(schema)) {
            throw new Refusal("has a reference cycle; schemas must not refer back to themselves");
        }
        int depth = 1;
        if (schema.isObject()) {
            for (JsonNode child : subschemas(schema, false)) {
                depth = Math.max(depth, 1 + depth(child));
            }
            for (JsonNode target : referenceTargets(schema)) {
                depth = Math.max(depth, depth(target));
            }
        }
        inProgress.remove(schema);
        depths.put(schema, depth);
        return depth;
    }

    private List<JsonNode> referenceTargets(JsonNode schema) {
        List<JsonNode> targets = new ArrayList<>();
        for (String keyword : List.of("$ref", "$dynamicRef")) {
            JsonNode ref = schema.get(keyword);
            if (ref != null) {
                targets.addAll(resolve(keyword, ref));
            }
        }
        return targets;
    }

    private List<JsonNode> resolve(String keyword, JsonNode ref) {
        String value = ref.isString() ? ref.stringValue() : "";
        if (!value.startsWith("#")) {
            throw new Refusal(keyword + " " + value + " points outside the schema; only references inside it (#…) are supported");
        }
        String fragment = value.substring(1);
        if (fragment.isEmpty() || fragment.startsWith("/")) {
            JsonNode target = root.at(fragment);
            if (target.isMissingNode()) {
                throw new Refusal(keyword + " " + value + " does not resolve inside the schema");
            }
            return List.of(target);
        }
        List<JsonNode> anchored = anchors.getOrDefault(fragment, List.of());
        if (anchored.isEmpty()) {
            throw new Refusal(keyword + " " + value + " names no anchor of the schema");
        }
        return anchored;
    }

    private static List<JsonNode> subschemas(JsonNode schema, boolean withDefinitions) {
        List<JsonNode> found = new ArrayList<>();
        for (String keyword : schema.propertyNames()) {
            JsonNode value = schema.get(keyword);
            if (ONE_SCHEMA.contains(keyword) && !value.isArray()) {
                found.add(value);
            } else if ((SCHEMA_LISTS.contains(keyword) || ONE_SCHEMA.contains(keyword)) && value.isArray()) {
                value.forEach(found::add);
            } else if (SCHEMA_MAPS.contains(keyword) || (withDefinitions && DEFINITIONS.contains(keyword))) {
                if (value.isObject()) {
                    value.propertyNames().forEach(name -> found.add(value.get(name)));
                }
            }
        }
        return found;
    }

    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}

package org.satupintu.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks custom resources against the structural OpenAPI schema of their CustomResourceDefinition, as the API server
 * would on apply: unknown fields (which the API server prunes or rejects, and which the Strimzi model classes would
 * silently keep in additionalProperties), wrong types, values outside an enum or below a minimum, missing required
 * fields. Covers the subset of OpenAPI that generated CRDs use; patterns and formats are not checked.
 */
final class CrdSchema {

    /** "group/version/Kind" -> openAPIV3Schema. */
    private final Map<String, JsonNode> schemas = new HashMap<>();

    static CrdSchema load(Path folder) {
        CrdSchema crds = new CrdSchema();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                for (JsonNode crd : Manifests.parseAll(Manifests.read(file))) {
                    crds.add(crd);
                }
            }
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return crds;
    }

    void add(JsonNode crd) {
        if (!Manifests.kind(crd).equals("CustomResourceDefinition")) {
            return;
        }
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("served").asBoolean(false)) {
                schemas.put(group + "/" + version.path("name").asText() + "/" + kind,
                        version.path("schema").path("openAPIV3Schema"));
            }
        }
    }

    /**
     * Checks resources of {@code group/to} against the schema served as {@code group/from}: for a CRD copy older than
     * the API version the manifests use, whose fields the newer version kept.
     */
    CrdSchema withVersionAlias(String group, String from, String to) {
        Map<String, JsonNode> aliases = new HashMap<>();
        schemas.forEach((key, schema) -> {
            if (key.startsWith(group + "/" + from + "/")) {
                aliases.put(group + "/" + to + "/" + key.substring((group + "/" + from + "/").length()), schema);
            }
        });
        schemas.putAll(aliases);
        return this;
    }

    boolean knows(JsonNode resource) {
        return schemas.containsKey(key(resource));
    }

    /** The violations of the resource's spec; an apiVersion/kind no loaded CRD serves is one too. */
    List<String> validate(JsonNode resource) {
        List<String> errors = new ArrayList<>();
        JsonNode schema = schemas.get(key(resource));
        if (schema == null) {
            errors.add(Manifests.id(resource) + ": no served CRD version for " + key(resource));
            return errors;
        }
        JsonNode specSchema = schema.path("properties").path("spec");
        if (resource.has("spec")) {
            check(resource.get("spec"), specSchema, Manifests.id(resource) + " .spec", errors);
        }
        else if (contains(schema.path("required"), "spec")) {
            errors.add(Manifests.id(resource) + ": spec is required");
        }
        return errors;
    }

    private static String key(JsonNode resource) {
        return resource.path("apiVersion").asText() + "/" + Manifests.kind(resource);
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema.isMissingNode() || schema.isEmpty()) {
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(path + ": must be an integer or a string");
            }
            return;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator) && !schema.has("type") && !schema.has("properties")) {
                for (JsonNode option : schema.get(combinator)) {
                    List<String> attempt = new ArrayList<>();
                    check(value, option, path, attempt);
                    if (attempt.isEmpty()) {
                        return;
                    }
                }
                errors.add(path + ": matches none of " + combinator);
                return;
            }
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    errors.add(path + ": must be an object");
                    return;
                }
                checkObject(value, schema, path, errors);
            }
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(path + ": must be a list");
                    return;
                }
                int i = 0;
                for (JsonNode item : value) {
                    check(item, schema.path("items"), path + "[" + i++ + "]", errors);
                }
                if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                    errors.add(path + ": needs at least " + schema.get("minItems").asInt() + " items");
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(path + ": must be a string, is " + value);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(path + ": must be an integer, is " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(path + ": must be a number, is " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(path + ": must be true or false, is " + value);
                }
            }
            default -> {
                if (schema.has("properties") && value.isObject()) {
                    checkObject(value, schema, path, errors);
                }
            }
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.isNumber() && value.asDouble() > schema.get("maximum").asDouble()) {
            errors.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
    }

    private static void checkObject(JsonNode value, JsonNode schema, String path, List<String> errors) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        value.fields().forEachRemaining(field -> {
            String where = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), where, errors);
            }
            else if (additional.isObject()) {
                check(field.getValue(), additional, where, errors);
            }
            else if (!preserveUnknown && !additional.asBoolean(false)) {
                errors.add(where + ": unknown field");
            }
        });
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + ": missing required field " + required.asText());
            }
        }
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value) || (item.isTextual() && value.isTextual() && item.asText().equals(value.asText()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}

package dev.lanebench.harness.lanes;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.config.YamlFiles;
import dev.lanebench.runners.RunnerFactory;
import dev.lanebench.runners.lane.EndpointSpec;
import dev.lanebench.runners.lane.Lane;
import dev.lanebench.runners.lane.LaneSpec;
import dev.lanebench.runners.lane.ModelSpec;
import dev.lanebench.runners.sandbox.SandboxLimits;
import dev.lanebench.runners.sandbox.Sandboxes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** lanes.yaml as written (docs/reference.md, "lanes.yaml"): endpoints, models with prices, lanes. */
public record LanesFile(
        @JsonProperty("endpoints") Map<String, EndpointSpec> endpoints,
        @JsonProperty("models") Map<String, ModelSpec> models,
        @JsonProperty("lanes") Map<String, LaneSpec> lanes) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Reads and validates lanes.yaml, resolving each lane's model and endpoint references. */
    public static LaneSet load(Path file) {
        LanesFile raw = YamlFiles.read(file, LanesFile.class);
        Map<String, EndpointSpec> endpoints = raw.endpoints() == null ? Map.of() : raw.endpoints();
        Map<String, ModelSpec> models = raw.models() == null ? Map.of() : raw.models();
        if (raw.lanes() == null || raw.lanes().isEmpty()) {
            throw ConfigException.at(file, "lanes", "no lanes defined");
        }
        endpoints.forEach((name, e) -> {
            if (e == null || e.baseUrl() == null || !e.baseUrl().matches("https?://.+")) {
                throw ConfigException.at(file, "endpoints." + name + ".base_url", "must be an http(s) URL");
            }
            if (e.apiKeyEnv() != null && !e.apiKeyEnv().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw ConfigException.at(file, "endpoints." + name + ".api_key_env",
                        "must be the NAME of an environment variable, not a key");
            }
            positive(file, "endpoints." + name + ".max_concurrency", e.maxConcurrency());
            positive(file, "endpoints." + name + ".requests_per_minute", e.requestsPerMinute());
        });
        models.forEach((name, m) -> {
            if (m == null) {
                throw ConfigException.at(file, "models." + name, "empty model entry");
            }
            if (!endpoints.containsKey(m.endpoint())) {
                throw ConfigException.at(file, "models." + name + ".endpoint", "no endpoint '" + m.endpoint() + "' in endpoints");
            }
            if (m.maxOutputTokens() != null && m.maxOutputTokens() <= 0) {
                throw ConfigException.at(file, "models." + name + ".max_output_tokens", "must be positive");
            }
            if (m.price() != null && (m.price().input() < 0 || m.price().output() < 0
                    || (m.price().cachedInput() != null && m.price().cachedInput() < 0))) {
                throw ConfigException.at(file, "models." + name + ".price_per_mtok", "prices must not be negative");
            }
        });
        Map<String, Lane> lanes = new LinkedHashMap<>();
        raw.lanes().forEach((name, spec) -> lanes.put(name, resolve(file, name, spec, endpoints, models)));
        return new LaneSet(file, lanes, Map.copyOf(models), Map.copyOf(endpoints));
    }

    private static Lane resolve(Path file, String name, LaneSpec spec, Map<String, EndpointSpec> endpoints,
                                Map<String, ModelSpec> models) {
        String at = "lanes." + name;
        if (!NAME.matcher(name).matches()) {
            throw ConfigException.at(file, at, "lane names may hold letters, digits, '.', '_' and '-'");
        }
        if (spec == null) {
            throw ConfigException.at(file, at, "empty lane entry (at least {runner: ...})");
        }
        if (!RunnerFactory.KINDS.contains(spec.runner())) {
            throw ConfigException.at(file, at + ".runner", "'" + spec.runner() + "' is not one of " + RunnerFactory.KINDS);
        }
        if (spec.sandbox() != null && !Sandboxes.NAMES.contains(spec.sandbox())) {
            throw ConfigException.at(file, at + ".sandbox", "'" + spec.sandbox() + "' is not one of " + Sandboxes.NAMES);
        }
        if (spec.sandboxLimits() != null) {
            SandboxLimits l = spec.sandboxLimits();
            positive(file, at + ".sandbox_limits.memory_mb", l.memoryMb());
            positive(file, at + ".sandbox_limits.processes", l.processes());
            positive(file, at + ".sandbox_limits.file_size_mb", l.fileSizeMb());
            positive(file, at + ".sandbox_limits.workspace_mb", l.workspaceMb());
        }
        positive(file, at + ".max_turns", spec.maxTurns());
        positive(file, at + ".max_tokens", spec.maxTokens());
        positive(file, at + ".command_timeout_s", spec.commandTimeoutS());
        if (spec.maxCostUsd() != null && !(spec.maxCostUsd() > 0)) {
            throw ConfigException.at(file, at + ".max_cost_usd", "must be a positive number of US dollars, got "
                    + spec.maxCostUsd());
        }
        boolean modelDriven = RunnerFactory.MODEL_DRIVEN.contains(spec.runner());
        if (!modelDriven) {
            if (spec.model() != null || spec.smallModel() != null) {
                throw ConfigException.at(file, at + ".model", "a " + spec.runner() + " lane takes no model");
            }
            return new Lane(name, spec, null, null, null, null, null);
        }
        if (spec.model() == null) {
            throw ConfigException.at(file, at + ".model", "required for a " + spec.runner() + " lane");
        }
        ModelSpec model = models.get(spec.model());
        if (model == null) {
            throw ConfigException.at(file, at + ".model", "no model '" + spec.model() + "' in models");
        }
        String smallName = spec.smallModel() == null ? spec.model() : spec.smallModel();
        ModelSpec small = models.get(smallName);
        if (small == null) {
            throw ConfigException.at(file, at + ".small_model", "no model '" + smallName + "' in models");
        }
        return new Lane(name, spec, model, spec.model(), endpoints.get(model.endpoint()), small,
                endpoints.get(small.endpoint()));
    }

    private static void positive(Path file, String field, Integer value) {
        if (value != null && value <= 0) {
            throw ConfigException.at(file, field, "must be positive, got " + value);
        }
    }
}

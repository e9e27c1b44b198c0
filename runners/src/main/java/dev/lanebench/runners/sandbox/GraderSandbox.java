package dev.lanebench.runners.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How the verify helper runs agent code for a grader (the {@code LANEBENCH_SANDBOX} variable, as JSON). The
 * helper builds: {@code prefix}, then {@code bind} for each writable path and {@code robind} for each exposed
 * one (each template with {@code {path}} replaced), {@code env} for each variable (with {@code {kv}} replaced by
 * NAME=value), {@code chdir} with the working folder, {@code separator}, and the command. An empty prefix
 * means the code runs without a sandbox.
 *
 * @param backend   the backend's name
 * @param prefix    the command line up to the per-call parts
 * @param bind      the options that make a host path writable at the same path
 * @param robind    the options that make a host path readable at the same path
 * @param env       the options that set one variable, or empty when the environment passes through
 * @param chdir     the options that set the working folder
 * @param separator what comes between the options and the command
 * @param system    the host folders every sandbox shows read-only already (never bound again, never writable)
 */
public record GraderSandbox(
        @JsonProperty("backend") String backend,
        @JsonProperty("prefix") List<String> prefix,
        @JsonProperty("bind") List<String> bind,
        @JsonProperty("robind") List<String> robind,
        @JsonProperty("env") List<String> env,
        @JsonProperty("chdir") List<String> chdir,
        @JsonProperty("separator") List<String> separator,
        @JsonProperty("system") List<String> system) {

    public static GraderSandbox plain(String backend) {
        return new GraderSandbox(backend, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}

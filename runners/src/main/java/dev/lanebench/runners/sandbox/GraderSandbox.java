package dev.lanebench.runners.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How the verify helper runs agent code for a grader (the {@code LANEBENCH_SANDBOX} variable, as JSON): the
 * command prefix, to which it appends one {@code bind} per writable folder, one {@code robind} per exposed
 * path, then {@code chdir} with the working folder, then {@code --} and the command. An empty prefix means the
 * code runs without a sandbox.
 *
 * @param backend the backend's name
 * @param prefix  the command line up to the per-call parts
 * @param bind    the option that makes a host path writable at the same path
 * @param robind  the option that makes a host path readable at the same path
 * @param chdir   the option that sets the working folder
 * @param system  the host folders every sandbox shows read-only already (never bound again, never writable)
 */
public record GraderSandbox(
        @JsonProperty("backend") String backend,
        @JsonProperty("prefix") List<String> prefix,
        @JsonProperty("bind") String bind,
        @JsonProperty("robind") String robind,
        @JsonProperty("chdir") String chdir,
        @JsonProperty("system") List<String> system) {

    public static GraderSandbox plain(String backend) {
        return new GraderSandbox(backend, List.of(), null, null, null, List.of());
    }
}

package dev.lanebench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CI workflow runs the project's own entry point on every push and pull request, on a hosted runner. */
class CiWorkflowTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void ciRunsDotCiRunOnPushAndPullRequestOnAHostedUbuntuRunner() throws Exception {
        JsonNode wf = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve(".github/workflows/ci.yml").toFile());
        JsonNode on = wf.has("on") ? wf.get("on") : wf.get("true"); // YAML 1.1 may read the key "on" as true
        assertThat(on).as("triggers").isNotNull();
        assertThat(on.has("push")).isTrue();
        assertThat(on.has("pull_request")).isTrue();
        JsonNode jobs = wf.path("jobs");
        assertThat(jobs.size()).isEqualTo(1);
        JsonNode job = jobs.elements().next();
        assertThat(job.path("runs-on").asText()).isEqualTo("ubuntu-latest");
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(s -> runs.add(s.path("run").asText("")));
        assertThat(runs).contains("bash .ci/run");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("./mvnw -B -ntp test");
    }
}

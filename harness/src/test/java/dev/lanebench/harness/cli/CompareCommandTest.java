package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanebench compare RUN_A RUN_B} on real raw.csv files, in every format, and its usage errors. */
class CompareCommandTest {
    private static final String HEADER = "run_id,task,tier,lane,runner,model,replication,attempt,status,composite,"
            + "correctness,process,cost_eff,time_eff,quality,verify_evidence,timed_out,wall_s,agent_s,verify_s,turns,"
            + "tool_calls,budget_violations,input_tokens,cached_tokens,output_tokens,reasoning_tokens,cost_usd,"
            + "served_models,route_ok,agent_exit,error,started_at,task_hash,harness_version";

    @TempDir
    Path dir;

    /** A schema-1 raw.csv (no sandbox or judge columns) with one lane's composites for task t. */
    private Path run(String name, String model, double... composites) throws Exception {
        Path run = dir.resolve(name);
        Files.createDirectories(run);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        int rep = 1;
        for (double c : composites) {
            text.append(name).append(",t,t1_trivial,glm-flat,flat,").append(model).append(',').append(rep++)
                    .append(",1,scored,").append(c).append(',').append(c)
                    .append(",,,,,ok,false,1,1,1,1,1,0,10,0,5,0,0.01,m,true,0,,2026-01-01T00:00:00Z,abc123,0.1.0\n");
        }
        Files.writeString(run.resolve("raw.csv"), text);
        return run;
    }

    @Test
    void printsBothRunsSideBySideWithTheChange() throws Exception {
        Path a = run("before", "glm-5.1", 2.0, 3.0);
        Path b = run("after", "glm-5.2", 3.5, 4.0);

        CliRun md = CliRun.of("compare", a.toString(), b.toString());

        assertThat(md.exit()).as(md.err()).isZero();
        assertThat(md.out()).contains("# lanebench compare")
                .contains("## glm-flat (A: flat, glm-5.1; B: flat, glm-5.2)")
                .contains("| t | 2.50 (2.00–3.00, 2) | 3.75 (3.50–4.00, 2) | +1.25 clear |")
                .contains("read raw.csv schema 1");
        CliRun json = CliRun.of("compare", a.resolve("raw.csv").toString(), b.toString(), "--format", "json");
        assertThat(json.exit()).isZero();
        var tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.get("lanes").get(0).get("rows").get(0).get("change").asDouble()).isEqualTo(1.25);
        CliRun csv = CliRun.of("compare", a.toString(), b.toString(), "--format", "csv");
        assertThat(csv.out()).startsWith("table,task,tier,lane,").contains("cell,t,t1_trivial,glm-flat,");
    }

    @Test
    void badUsageIsOneLineAndExitTwo() throws Exception {
        Path a = run("a", "m", 1.0);

        CliRun missing = CliRun.of("compare", a.toString(), dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("lanebench: " + dir.resolve("nope") + ": file not found");
        CliRun format = CliRun.of("compare", a.toString(), a.toString(), "--format", "html");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err().strip()).isEqualTo("lanebench: --format: 'html' is not one of md, csv, json");
    }
}

package dev.lanebench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanebench.harness.TaskFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line never surprises: one-line errors with a hint, options where README says, help without warnings. */
class CommandLineTest {
    @TempDir
    Path tmp;
    Path tasks;
    Path lanes;
    Path scoring = CliRun.SCORING;

    @BeforeEach
    void catalogue() throws Exception {
        tasks = tmp.resolve("tasks");
        TaskFixture.greeting(tasks, "t1_trivial", "say-hello");
        TaskFixture.greeting(tasks, "t2_medium", "say-hello-twice");
        TaskFixture.greeting(tasks, "t3_complex", "say-hello-thrice");
        lanes = tmp.resolve("lanes.yaml");
        Files.writeString(lanes, RunCommandTest.LANES);
    }

    private CliRun run(String... extra) {
        return CliRun.run(tasks, lanes, java.util.stream.Stream.concat(java.util.stream.Stream.of("--retry-backoff", "0"), java.util.Arrays.stream(extra)).toArray(String[]::new));
    }

    private static void oneLine(CliRun r) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("Usage:");
    }

    @Test
    void anUnknownOptionIsOneLineWithWhereHelpIs() {
        CliRun r = CliRun.of("run", "--foo");
        oneLine(r);
        assertThat(r.err().strip()).isEqualTo("lanebench: Unknown option: '--foo' (see lanebench run --help)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMistypedOptionOrCommandGetsASuggestion() {
        CliRun option = CliRun.of("table", "--lane", "x");
        oneLine(option);
        assertThat(option.err()).contains("did you mean").contains("--lanes");
        CliRun command = CliRun.of("rnu");
        oneLine(command);
        assertThat(command.err().strip()).isEqualTo("lanebench: Unknown command: 'rnu' (did you mean run? see lanebench --help)");
    }

    @Test
    void aMissingParameterIsOneLine() {
        CliRun r = CliRun.of("show", "results/x");
        oneLine(r);
        assertThat(r.err()).contains("Missing required parameters: 'TASK', 'LANE'").contains("lanebench show --help");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        CliRun before = CliRun.of("--tasks-dir", tasks.toString(), "tasks");
        CliRun after = CliRun.of("tasks", "--tasks-dir", tasks.toString());
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).contains("say-hello-thrice").contains("3 tasks in " + tasks);
        assertThat(after.out()).isEqualTo(before.out());
        CliRun lanesBefore = CliRun.of("--lanes-file", lanes.toString(), "lanes");
        assertThat(lanesBefore.out()).contains("oracle").contains("noop");
        CliRun dry = CliRun.of("--tasks-dir", tasks.toString(), "--lanes-file", lanes.toString(), "--scoring-file",
                scoring.toString(), "run", "--dry-run", "--tier", "t1_trivial");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("plan: 1 tasks × 2 lanes");
    }

    @Test
    void theSubcommandsOwnGlobalOptionWins() {
        Path other = tmp.resolve("other-tasks");
        TaskFixture.greeting(other, "t1_trivial", "only-here");
        CliRun r = CliRun.of("--tasks-dir", tasks.toString(), "tasks", "--tasks-dir", other.toString());
        assertThat(r.out()).contains("only-here").doesNotContain("say-hello");
    }

    @Test
    void tierTakesACommaList() {
        CliRun r = run("--dry-run", "--tier", "t1_trivial,t3_complex");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("plan: 2 tasks × 2 lanes").contains("say-hello-thrice").doesNotContain("say-hello-twice");
        CliRun typo = run("--dry-run", "--tier", "t1_trivial,t9_nope");
        oneLine(typo);
        assertThat(typo.err()).contains("no tier 't9_nope'");
    }

    @Test
    void dryRunRefusesWhatRunRefuses() throws Exception {
        Path badScoring = tmp.resolve("scoring.yaml");
        Files.writeString(badScoring, "weights: {correctness: 0.6}\n");
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        String[][] cases = {
            {"--scoring-file", badScoring.toString(), "weights.process: missing"},
            {"--parallel", "0", "--parallel: must be at least 1, got 0"},
            {"--retries", "-1", "--retries: must be 0 or more, got -1"},
            {"--sandbox", "chroot", "--sandbox: 'chroot' is not one of"},
            {"--out", aFile.toString(), "--out: " + aFile + " is a file, not a folder"}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("run", "--tasks-dir", tasks.toString(), "--lanes-file", lanes.toString()));
            if (!c[0].equals("--scoring-file")) {
                args.addAll(List.of("--scoring-file", CliRun.SCORING.toString()));
            }
            args.addAll(List.of(c[0], c[1]));
            CliRun real = CliRun.of(args.toArray(String[]::new));
            args.add("--dry-run");
            CliRun dry = CliRun.of(args.toArray(String[]::new));
            oneLine(real);
            oneLine(dry);
            assertThat(real.err()).as(c[0]).contains(c[2]);
            assertThat(dry.err()).as(c[0]).isEqualTo(real.err());
        }
    }

    @Test
    void dryRunShowsEachLanesSandbox() {
        CliRun r = run("--dry-run", "--sandbox", "none");
        assertThat(r.out()).containsPattern("oracle +oracle +no model +sandbox none \\(NOT isolated\\)");
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndLine() throws Exception {
        Files.writeString(lanes, "lanes:\n  oracle: {runner: oracle}\n   noop: {runner: noop\n");
        CliRun r = CliRun.of("lanes", "--lanes-file", lanes.toString());
        oneLine(r);
        assertThat(r.err()).contains(lanes.toString() + ": line 3: not valid YAML");
        Files.writeString(lanes, RunCommandTest.LANES);
        Path badScoring = tmp.resolve("scoring.yaml");
        Files.writeString(badScoring, "weights: {correctness: 0.6\ncost_budget_usd: {}\n");
        CliRun s = CliRun.of("run", "--dry-run", "--tasks-dir", tasks.toString(), "--lanes-file", lanes.toString(),
                "--scoring-file", badScoring.toString());
        oneLine(s);
        assertThat(s.err()).contains(badScoring.toString()).containsPattern("line [12]");
        Path badTask = tasks.resolve("t1_trivial/say-hello/task.yaml");
        Files.writeString(badTask, "id: say-hello\ntitle: \"unclosed\ntier: t1_trivial\n");
        CliRun t = CliRun.of("tasks", "--tasks-dir", tasks.toString());
        oneLine(t);
        assertThat(t.err()).contains(badTask.toString()).containsPattern(": line [234]: not valid YAML: ");
    }

    @Test
    void tableWithAMistypedLaneExitsTwoLikeRun() {
        Path out = tmp.resolve("run");
        assertThat(run("--out", out.toString(), "--tier", "t1_trivial").exit()).isZero();
        CliRun r = CliRun.of("table", out.toString(), "--lanes", "oracle,orcale");
        oneLine(r);
        assertThat(r.err()).contains("no rows of lane 'orcale'");
    }

    @Test
    void tableRecomputesCompositesWithTheScoringFileGiven() throws Exception {
        Path yaml = tasks.resolve("t1_trivial/say-hello/task.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "budgets: {tools: {write: 0}}\n");
        Path out = tmp.resolve("run");
        assertThat(run("--out", out.toString(), "--tier", "t1_trivial", "--lanes", "oracle").exit()).isZero();
        String asRun = CliRun.of("table", out.toString(), "--format", "csv").out();
        Path onlyCorrectness = tmp.resolve("only-correctness.yaml");
        Files.writeString(onlyCorrectness, """
                weights: {correctness: 1, process: 0, cost_eff: 0, time_eff: 0, quality: 0}
                cost_budget_usd: {}
                """);
        CliRun rescored = CliRun.of("table", out.toString(), "--format", "csv", "--scoring-file", onlyCorrectness.toString());
        assertThat(rescored.exit()).as(rescored.err()).isZero();
        assertThat(asRun).contains("cell,say-hello,t1_trivial,oracle,oracle,,1,4.6");
        assertThat(rescored.out()).contains("cell,say-hello,t1_trivial,oracle,oracle,,1,5,");
        assertThat(rescored.err()).contains("recomputed with the weights and budgets of " + onlyCorrectness);
        assertThat(CliRun.of("--scoring-file", onlyCorrectness.toString(), "table", out.toString(), "--format", "csv").out())
                .isEqualTo(rescored.out());
    }

    @Test
    void taskNewRefusesATierTheCatalogueDoesNotHave() {
        CliRun r = CliRun.of("task", "new", "retry-backoff", "--tier", "t2_meduim", "--tasks-dir", tasks.toString(),
                "--scoring-file", scoring.toString());
        oneLine(r);
        assertThat(r.err()).contains("--tier 't2_meduim' is not a tier").contains("t2_medium");
        assertThat(tasks.resolve("t2_meduim")).doesNotExist();
        CliRun ok = CliRun.of("task", "new", "retry-backoff", "--tier", "t2_medium", "--tasks-dir", tasks.toString(),
                "--scoring-file", scoring.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
    }

    @Test
    void everyHelpTextRendersWithoutPicocliWarnings() {
        List<String> problems = new ArrayList<>();
        helpOf(new CommandLine(new Main()), problems);
        assertThat(problems).isEmpty();
    }

    private static void helpOf(CommandLine cmd, List<String> problems) {
        List<String> args = new ArrayList<>(List.of(cmd.getCommandSpec().qualifiedName().split(" ")));
        args.remove(0);
        args.add("--help");
        CliRun r = CliRun.of(args.toArray(String[]::new));
        String name = cmd.getCommandSpec().qualifiedName();
        if (r.exit() != 0 || r.err().contains("WARN") || r.out().contains("WARN")) {
            problems.add(name + ": exit " + r.exit() + " " + r.err());
        }
        r.out().lines().filter(l -> l.length() > 80).forEach(l -> problems.add(name + ": longer than 80 columns: " + l));
        cmd.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help")).forEach(c -> helpOf(c, problems));
    }

    @Test
    void formatCompletesFromItsValues() {
        CommandLine table = new CommandLine(new Main()).getSubcommands().get("table");
        Iterable<String> candidates = table.getCommandSpec().findOption("--format").completionCandidates();
        assertThat(candidates).contains("md", "csv", "json");
        assertThat(CliRun.of("table", "--help").out()).contains("md, csv or json");
    }
}

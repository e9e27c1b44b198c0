package dev.lanebench.harness.cli;

import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.judge.JudgePanel;
import dev.lanebench.harness.judge.Rejudge;
import dev.lanebench.scoring.composite.ScoringConfig;
import dev.lanebench.scoring.judge.JudgeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanebench judge RUN}: (re)judge a finished run's attempts into a judgement file that tables join. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = {"Judge the scored attempts of a finished run again, with the panel of",
            "scoring.yaml's judge: or the one given by --panel, into",
            "RUN/judgements/<panel>.jsonl. raw.csv is left as it is; table and report",
            "join the file (quality, and the composite recomputed with it)."})
final class JudgeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
    Path run;

    @Option(names = "--panel", split = ",", paramLabel = "MODEL",
            description = "Judge models (lanes.yaml model names) instead of scoring.yaml's judge.panel.")
    List<String> panel;

    @Option(names = "--parallel", paramLabel = "P", defaultValue = "1",
            description = "Attempts judged at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (parallel < 1) {
            throw new ConfigException("--parallel: must be at least 1, got " + parallel);
        }
        ScoringConfig scoring = config.scoring();
        JudgeConfig judge = scoring.judge();
        String origin = config.scoringFile() + ": judge.panel";
        if (panel != null && !panel.isEmpty()) {
            try {
                judge = judge == null ? JudgeConfig.of(panel) : judge.withPanel(panel);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--panel: " + e.getMessage().replaceFirst("^judge\\.panel: ", ""));
            }
            origin = "--panel";
        }
        if (judge == null) {
            throw new ConfigException(config.scoringFile() + ": judge: missing (no panel to judge with; set judge.panel "
                    + "or give --panel)");
        }
        JudgePanel p = JudgePanel.of(judge, config.lanes(), Environment.get(), origin);
        p.requireReady(origin);
        System.out.println("judging " + run + " with panel " + p.id());
        Rejudge.Result r = new Rejudge(p, scoring.weights(), Environment.get(), System.out)
                .run(run, config.catalogue(), parallel);
        System.out.printf(Locale.ROOT, "%d scored attempts: %d judged, %d without any judge's answer, %d not judged; "
                + "%d disagreements; judges cost %s%n", r.scored(), r.judged(), r.noAnswer(), r.notJudged(),
                r.disagreements(), r.costUsd() == null ? "unknown" : String.format(Locale.ROOT, "$%.4f", r.costUsd()));
        System.out.println("judgements: " + r.file());
        return r.noAnswer() > 0 ? 1 : 0;
    }
}

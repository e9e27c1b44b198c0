package dev.lanebench.scoring.judge;

import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.Weights;
import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One attempt as a judge panel saw it: a line of a judgement file. {@code quality} is the median of the scores of
 * the members that answered, empty (never 0) when none did; {@code composite} is the attempt's composite with
 * that quality, so a table can show it without knowing the weights.
 *
 * @param id           the attempt
 * @param taskHash     the task version judged
 * @param panel        the panel's id ({@link JudgeConfig#panelId()})
 * @param status       judged, no answer from any member, or not judged (and why, in {@code reason})
 * @param quality      0–5, or null
 * @param composite    the composite recomputed with {@code quality} (without it when null)
 * @param judgeCostUsd what every judge call for this attempt cost; null when no call reported a cost
 * @param low          the lowest member score, null when none answered
 * @param high         the highest member score
 * @param maxSpread    the spread above which the panel is flagged as disagreeing
 * @param disagreement whether high − low exceeds {@code maxSpread}
 * @param members      each member's verdict, in the order they were asked
 * @param reason       why the attempt was not judged; null otherwise
 */
public record Judgement(AttemptId id, String taskHash, String panel, Status status, Double quality, Double composite,
        Double judgeCostUsd, Double low, Double high, double maxSpread, boolean disagreement,
        List<MemberVerdict> members, String reason) {

    /** Whether the panel gave a quality. */
    public enum Status {
        JUDGED, NO_ANSWER, NOT_JUDGED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status ofWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public Judgement {
        members = List.copyOf(members);
    }

    /**
     * The panel's verdict from its members' answers.
     *
     * @param base the attempt's components without quality, for the recomputed composite
     */
    public static Judgement of(AttemptId id, String taskHash, String panel, List<MemberVerdict> members, double maxSpread,
            Components base, Weights weights) {
        double[] scores = members.stream().filter(MemberVerdict::answered).mapToDouble(MemberVerdict::score).sorted()
                .toArray();
        Double quality = null;
        Double low = null;
        Double high = null;
        boolean disagreement = false;
        if (scores.length > 0) {
            quality = Composite.round(Quantiles.median(scores, scores.length));
            low = scores[0];
            high = scores[scores.length - 1];
            disagreement = Composite.round(high - low) > maxSpread;
        }
        Double cost = null;
        for (MemberVerdict m : members) {
            if (m.costUsd() != null) {
                cost = (cost == null ? 0 : cost) + m.costUsd();
            }
        }
        return new Judgement(id, taskHash, panel, scores.length > 0 ? Status.JUDGED : Status.NO_ANSWER, quality,
                composite(base, quality, weights), cost, low, high, maxSpread, disagreement, members, null);
    }

    /** An attempt the panel was not asked about (no rubric, the task changed since the run, files missing). */
    public static Judgement notJudged(AttemptId id, String taskHash, String panel, double maxSpread, String reason,
            Components base, Weights weights) {
        return new Judgement(id, taskHash, panel, Status.NOT_JUDGED, null, composite(base, null, weights), null, null,
                null, maxSpread, false, List.of(), reason);
    }

    private static Double composite(Components base, Double quality, Weights weights) {
        return Composite.compute(new Components(base.correctness(), base.process(), base.costEff(), base.timeEff(),
                quality), weights);
    }

    /** The members left out of the score, with why. */
    public List<MemberVerdict> leftOut() {
        return members.stream().filter(m -> !m.answered()).toList();
    }

    /**
     * What the attempt's row says about its judging, for raw.csv's {@code error}: a disagreement, members left
     * out, no answer at all; null when there is nothing to say. Each part starts with {@code judge} and holds no
     * {@code "; "}, the separator of the parts of {@code error}, so {@link #applyTo} can replace them.
     */
    public String rowNote() {
        List<String> parts = new ArrayList<>();
        if (status == Status.NO_ANSWER) {
            parts.add("judge: no panel member answered (" + String.join(", ", leftOut().stream()
                    .map(Judgement::why).toList()) + "), quality left empty");
        } else if (status == Status.JUDGED) {
            if (disagreement) {
                parts.add("judge disagreement: " + String.format(Locale.ROOT, "%.2f–%.2f", low, high)
                        + String.format(Locale.ROOT, " (spread over %.2f)", maxSpread));
            }
            if (!leftOut().isEmpty()) {
                parts.add("judge: " + String.join(", ", leftOut().stream().map(m -> why(m) + " left out").toList()));
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String why(MemberVerdict m) {
        String detail = m.detail() == null ? "" : ": " + clip(m.detail(), 160);
        return m.model() + " " + m.status().wire().replace('_', ' ') + detail;
    }

    private static String clip(String s, int max) {
        String one = s.replace('\n', ' ').replace('\r', ' ').replace(';', ',');
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }

    /**
     * The row as this judgement has it: quality, composite and judge cost replaced, and whatever an earlier
     * judge said in {@code error} replaced by this one's note. Rows of other attempts, and rows that were not
     * scored, are returned unchanged.
     */
    public RawRow applyTo(RawRow r) {
        if (!id.equals(AttemptId.of(r)) || r.status() != dev.lanebench.scoring.raw.Status.SCORED) {
            return r;
        }
        List<String> kept = new ArrayList<>();
        if (r.error() != null) {
            Arrays.stream(r.error().split("; ")).filter(p -> !p.startsWith("judge")).forEach(kept::add);
        }
        String note = rowNote();
        if (note != null) {
            kept.add(note);
        }
        String error = kept.isEmpty() ? null : String.join("; ", kept);
        return new RawRow(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), r.replication(), r.attempt(),
                r.status(), composite, r.correctness(), r.process(), r.costEff(), r.timeEff(), quality,
                r.verifyEvidence(), r.timedOut(), r.wallS(), r.agentS(), r.verifyS(), r.turns(), r.toolCalls(),
                r.budgetViolations(), r.inputTokens(), r.cachedTokens(), r.outputTokens(), r.reasoningTokens(),
                r.costUsd(), r.servedModels(), r.routeOk(), r.agentExit(), error, r.startedAt(), r.taskHash(),
                r.harnessVersion(), r.sandbox(), judgeCostUsd);
    }
}

package dev.lanebench.harness.merge;

import dev.lanebench.scoring.raw.RawRow;
import dev.lanebench.scoring.raw.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of several parts of one run, unioned by the resume rules: the same attempt seen twice (a part merged
 * again, a merged run given back as a part) is one row; per replication, attempts are taken in the order they
 * started, up to and including the first final one (scored or verify_error), so a replication run in two parts
 * keeps the first final attempt and the infra attempts before it, and nothing after; attempts are numbered 1…k
 * again where two parts used the same numbers.
 */
final class MergedRows {
    /** A kept row, where it came from, and the attempt number it had there. */
    record Kept(RawRow row, PartRun from, int originalAttempt) {
    }

    private final List<Kept> kept = new ArrayList<>();
    private int duplicates;
    private int dropped;
    private int renumbered;

    static MergedRows of(List<PartRun> parts) {
        MergedRows m = new MergedRows();
        Map<String, List<Kept>> byReplication = new LinkedHashMap<>();
        Map<String, Kept> byIdentity = new HashMap<>();
        for (PartRun part : parts) {
            for (RawRow r : part.rows()) {
                String identity = key(r) + "\u0000" + r.startedAt();
                if (byIdentity.containsKey(identity)) {
                    m.duplicates++;
                    continue;
                }
                Kept k = new Kept(r, part, r.attempt());
                byIdentity.put(identity, k);
                byReplication.computeIfAbsent(key(r), x -> new ArrayList<>()).add(k);
            }
        }
        for (List<Kept> attempts : byReplication.values()) {
            attempts.sort(Comparator.comparing((Kept k) -> k.row().startedAt()).thenComparingInt(Kept::originalAttempt));
            int n = 0;
            for (Kept k : attempts) {
                n++;
                RawRow row = k.row();
                if (row.attempt() != n) {
                    row = withAttempt(row, n);
                    m.renumbered++;
                }
                m.kept.add(new Kept(row, k.from(), k.originalAttempt()));
                if (row.status() != Status.INFRA_ERROR) {
                    m.dropped += attempts.size() - n;
                    break;
                }
            }
        }
        m.kept.sort(Comparator.comparing((Kept k) -> k.row().startedAt()).thenComparing(k -> key(k.row()))
                .thenComparingInt(k -> k.row().attempt()));
        return m;
    }

    List<Kept> kept() {
        return kept;
    }

    List<RawRow> rows() {
        return kept.stream().map(Kept::row).toList();
    }

    /** The same attempt given twice. */
    int duplicates() {
        return duplicates;
    }

    /** Attempts made after their replication was already final in another part. */
    int dropped() {
        return dropped;
    }

    int renumbered() {
        return renumbered;
    }

    static String key(RawRow r) {
        return r.task() + "\u0000" + r.lane() + "\u0000" + r.replication();
    }

    private static RawRow withAttempt(RawRow r, int attempt) {
        return new RawRow(r.runId(), r.task(), r.tier(), r.lane(), r.runner(), r.model(), r.replication(), attempt,
                r.status(), r.composite(), r.correctness(), r.process(), r.costEff(), r.timeEff(), r.quality(),
                r.verifyEvidence(), r.timedOut(), r.wallS(), r.agentS(), r.verifyS(), r.turns(), r.toolCalls(),
                r.budgetViolations(), r.inputTokens(), r.cachedTokens(), r.outputTokens(), r.reasoningTokens(),
                r.costUsd(), r.servedModels(), r.routeOk(), r.agentExit(), r.error(), r.startedAt(), r.taskHash(),
                r.harnessVersion(), r.sandbox(), r.judgeCostUsd());
    }
}

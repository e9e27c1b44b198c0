package dev.lanebench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanebench.harness.config.ConfigException;
import dev.lanebench.harness.lanes.LaneSet;
import dev.lanebench.harness.run.CallTotals;
import dev.lanebench.runners.agent.ModelCall;
import dev.lanebench.runners.upstream.RetryPolicy;
import dev.lanebench.runners.upstream.Upstream;
import dev.lanebench.runners.upstream.UpstreamClient;
import dev.lanebench.runners.upstream.UpstreamException;
import dev.lanebench.runners.upstream.UpstreamResponse;
import dev.lanebench.scoring.composite.Components;
import dev.lanebench.scoring.composite.Composite;
import dev.lanebench.scoring.composite.Weights;
import dev.lanebench.scoring.judge.AttemptId;
import dev.lanebench.scoring.judge.JudgeConfig;
import dev.lanebench.scoring.judge.Judgement;
import dev.lanebench.scoring.judge.MemberVerdict;
import dev.lanebench.scoring.judge.MemberVerdict.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The judge models of a panel, reached through the project's one OpenAI-compatible client (route proof, retries,
 * cost), and how one attempt is judged: every member gets the same fenced, blind request, one after another in
 * an order shuffled for the attempt (seeded by its key, so the same attempt is always asked in the same order),
 * and answers on its own. A member that fails, refuses, answers junk or is served by another model is left out;
 * the others' median is the attempt's quality.
 */
public final class JudgePanel {
    /** The role judge calls carry in routes.jsonl, apart from the lanes' {@code main} and {@code small}. */
    public static final String ROLE = "judge";
    private static final int MAX_DETAIL = 300;

    private final JudgeConfig config;
    private final Map<String, Upstream> members;
    private final Map<String, String> env;

    private JudgePanel(JudgeConfig config, Map<String, Upstream> members, Map<String, String> env) {
        this.config = config;
        this.members = members;
        this.env = Map.copyOf(env);
    }

    /**
     * The panel of {@code config}, each member resolved from lanes.yaml's models.
     *
     * @param origin where the panel was named, for messages (e.g. {@code scoring.yaml: judge.panel}, {@code --panel})
     */
    public static JudgePanel of(JudgeConfig config, LaneSet lanes, Map<String, String> env, String origin) {
        Map<String, Upstream> members = new LinkedHashMap<>();
        for (int i = 0; i < config.panel().size(); i++) {
            String name = config.panel().get(i);
            Upstream u = lanes.model(name, ROLE);
            if (u == null) {
                throw new ConfigException(origin + "[" + i + "]: no model '" + name + "' in " + lanes.file()
                        + " models (known: " + String.join(", ", lanes.models().keySet().stream().sorted().toList()) + ")");
            }
            members.put(name, u);
        }
        return new JudgePanel(config, members, env);
    }

    /** Refuses a panel a member of which cannot be called here (its key's variable unset). */
    public void requireReady(String origin) {
        members.forEach((name, u) -> u.missingEnv(env).ifPresent(why -> {
            throw new ConfigException(origin + ": judge model '" + name + "' is not ready: " + why);
        }));
    }

    public String id() {
        return config.panelId();
    }

    /** The environment variables holding the members' keys, for redaction. */
    public List<String> keyEnvNames() {
        return members.values().stream().map(u -> u.endpoint().apiKeyEnv()).filter(java.util.Objects::nonNull)
                .distinct().toList();
    }

    public JudgeConfig config() {
        return config;
    }

    /**
     * Judges one attempt: asks each member in the attempt's order and combines their answers.
     *
     * @param base  the attempt's components without quality, for the recomputed composite
     * @param calls receives every judge call (each HTTP try), as it ends
     */
    public Judgement judge(AttemptId id, String taskHash, JudgeSubject subject, Rubric rubric, Components base,
            Weights weights, Consumer<ModelCall> calls) throws InterruptedException {
        ObjectNode body = JudgePrompt.request(subject, rubric, JudgePrompt.fence(subject), config.maxTokens());
        List<MemberVerdict> verdicts = new ArrayList<>();
        for (String name : order(id)) {
            verdicts.add(ask(name, body, rubric, calls));
        }
        return Judgement.of(id, taskHash, id(), verdicts, config.maxSpread(), base, weights);
    }

    /** The members in the order this attempt asks them: shuffled by a seed taken from the attempt's key. */
    List<String> order(AttemptId id) {
        List<String> order = new ArrayList<>(members.keySet());
        Collections.shuffle(order, new Random(seed(id)));
        return order;
    }

    static long seed(AttemptId id) {
        String key = String.join("\u0000", id.runId(), id.task(), id.lane(), Integer.toString(id.replication()),
                Integer.toString(id.attempt()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private MemberVerdict ask(String name, ObjectNode body, Rubric rubric, Consumer<ModelCall> calls)
            throws InterruptedException {
        Upstream upstream = members.get(name);
        List<ModelCall> mine = new ArrayList<>();
        UpstreamClient client = new UpstreamClient(upstream, env, RetryPolicy.DEFAULT, c -> {
            mine.add(c);
            calls.accept(c);
        });
        Instant deadline = Instant.now().plusMillis(Math.round(config.timeoutS() * 1000));
        UpstreamResponse r;
        try {
            r = client.complete(body, deadline);
        } catch (UpstreamException e) {
            return left(name, Status.OUTAGE, mine, e.getMessage());
        }
        if (!r.call().servedAsRequested()) {
            return left(name, Status.OFF_ROUTE, mine, "answered by " + r.call().servedModel() + ", not "
                    + r.call().requestedModel());
        }
        JsonNode message = r.message();
        String refusal = text(message.get("refusal"));
        if ((refusal != null && !refusal.isBlank()) || "content_filter".equals(r.finishReason())) {
            return left(name, Status.REFUSAL, mine, refusal != null && !refusal.isBlank() ? refusal : "content filter");
        }
        JudgeAnswer answer = JudgeAnswer.parse(text(message.get("content")), rubric);
        if (!answer.usable()) {
            String cut = "length".equals(r.finishReason()) ? " (cut off at max_tokens)" : "";
            return left(name, Status.UNPARSEABLE, mine, answer.error() + cut);
        }
        double score = Composite.round(rubric.weightedMean(answer.scores()));
        return new MemberVerdict(name, Status.OK, score, answer.scores(), cost(mine), answer.reason());
    }

    private static MemberVerdict left(String name, Status status, List<ModelCall> calls, String detail) {
        String d = detail == null ? null : detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
        return new MemberVerdict(name, status, null, Map.of(), cost(calls), d);
    }

    private static Double cost(List<ModelCall> calls) {
        return CallTotals.of(calls).costUsd();
    }

    /** A message field as text: a string, or the text parts of a content array. */
    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            StringBuilder b = new StringBuilder();
            n.forEach(part -> b.append(part.path("text").asText("")));
            return b.toString();
        }
        return n.toString();
    }
}

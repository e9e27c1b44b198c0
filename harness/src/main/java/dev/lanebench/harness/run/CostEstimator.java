package dev.lanebench.harness.run;

/** What one attempt of a replication is expected to cost, in US dollars; null when it cannot be told. */
@FunctionalInterface
public interface CostEstimator {
    CostEstimator NONE = rep -> null;

    Double usd(Replication rep);
}

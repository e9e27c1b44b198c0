package dev.lanebench.harness.run;

/**
 * What a run does beyond its plan to run at scale without surprises: which shard of the plan it is, the run id
 * the shards share, the pre-flight check of its lanes, the cost cap and the estimate it reserves per attempt,
 * and when an endpoint that keeps answering 429 is paused.
 *
 * @param shard      the slice of the plan this process runs, or null for all of it
 * @param runId      the run id the rows carry, or null for the results folder's name
 * @param preflight  the check every lane passes before it runs, or null for none ({@code --no-preflight})
 * @param maxCostUsd no new attempt starts once spent + in-flight estimates reach this (null: no cap)
 * @param estimator  the in-flight estimate of an attempt
 * @param circuits   when and how long an endpoint's new attempts pause after repeated 429s
 */
public record RunControls(Shard shard, String runId, LaneCheck preflight, Double maxCostUsd, CostEstimator estimator,
                          EndpointCircuits.Policy circuits) {
    public static final RunControls DEFAULT = new RunControls(null, null, null, null, CostEstimator.NONE,
            EndpointCircuits.Policy.DEFAULT);

    public RunControls {
        estimator = estimator == null ? CostEstimator.NONE : estimator;
        circuits = circuits == null ? EndpointCircuits.Policy.DEFAULT : circuits;
    }
}

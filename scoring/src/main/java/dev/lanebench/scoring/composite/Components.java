package dev.lanebench.scoring.composite;

/** The scored components of an attempt, each 0–5 or null when not measured. */
public record Components(Double correctness, Double process, Double costEff, Double timeEff, Double quality) {
}

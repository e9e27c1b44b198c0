package dev.lanebench.scoring.composite;

/** Composite weights (DESIGN.md §9). */
public record Weights(double correctness, double process, double costEff, double timeEff, double quality) {
}

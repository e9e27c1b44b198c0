package dev.lanebench.harness.judge;

/**
 * What a judge is shown of one attempt: the task's instruction and the agent's work (its patch and final
 * message), already blinded. Never the lane, runner or model.
 *
 * @param instruction the task's instruction.md, as every lane got it
 * @param patch       the attempt's diff; empty for no change
 * @param finalAnswer the agent's last assistant text; null when it wrote none
 */
public record JudgeSubject(String instruction, String patch, String finalAnswer) {

    /** The work with the lane's names withheld. */
    public static JudgeSubject blinded(String instruction, String patch, String finalAnswer, Blinding blinding) {
        return new JudgeSubject(instruction, blinding.apply(patch == null ? "" : patch), blinding.apply(finalAnswer));
    }
}

package dev.lanebench.runners.claude;

/**
 * The facts of the CLI's closing {@code result} line that decide an outcome. {@code subtype} may read
 * "success" on an API error, so {@code isError} and {@code terminalReason} are what count.
 *
 * @param subtype        success | error_max_turns | error_during_execution | …
 * @param isError        whether the CLI itself considers the run failed
 * @param numTurns       turns the CLI counted
 * @param terminalReason completed | api_error | max_turns | … (null in older CLIs)
 * @param apiErrorStatus the HTTP status of the API error that ended the run, if one did
 * @param stopReason     the last model stop reason
 * @param result         the final text (or error text), shortened
 */
record ResultLine(String subtype, Boolean isError, Integer numTurns, String terminalReason,
                  Integer apiErrorStatus, String stopReason, String result) {
}

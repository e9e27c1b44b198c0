package dev.lanebench.runners.lane;

import com.fasterxml.jackson.annotation.JsonProperty;

/** US dollars per million tokens; cached input falls back to the input price when not given. */
public record Price(
        @JsonProperty(value = "input", required = true) double input,
        @JsonProperty(value = "output", required = true) double output,
        @JsonProperty("cached_input") Double cachedInput) {

    public double costUsd(long uncachedInput, long cached, long output) {
        double cachedRate = cachedInput == null ? input : cachedInput;
        return (uncachedInput * input + cached * cachedRate + output * this.output) / 1_000_000d;
    }
}

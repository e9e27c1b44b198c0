package dev.lanebench.runners.lane;

/**
 * A lane with its references resolved: what a runner is built from.
 *
 * @param name          the lane's key in lanes.yaml
 * @param spec          the lane entry as written
 * @param model         the resolved main model, null for oracle/noop
 * @param modelName     the model's key in lanes.yaml (what raw.csv's model column holds)
 * @param endpoint      the main model's endpoint
 * @param smallModel    the resolved small model (defaults to the main model)
 * @param smallEndpoint the small model's endpoint
 */
public record Lane(
        String name, LaneSpec spec, ModelSpec model, String modelName, EndpointSpec endpoint,
        ModelSpec smallModel, EndpointSpec smallEndpoint) {

    public String runner() {
        return spec.runner();
    }
}

package dev.hearth.sim.physics;

/**
 * A room's heat balance in lumped form (Newton's law of cooling plus a heater):
 * dT/dt = -lossPerHour * (T - outside) * (window open ? windowFactor : 1) + (heating ? heaterKPerHour : 0).
 */
public record ThermalProperties(double lossPerHour, double heaterKPerHour, double windowFactor) {
    public ThermalProperties {
        if (lossPerHour <= 0 || heaterKPerHour < 0 || windowFactor < 1) {
            throw new IllegalArgumentException("invalid thermal properties: loss " + lossPerHour
                    + "/h, heater " + heaterKPerHour + " K/h, window factor " + windowFactor);
        }
    }

    /** A typical insulated living room with a radiator: ~0.1/h loss, +2.5 K/h heating, 8x loss with a window open. */
    public static ThermalProperties typical() {
        return new ThermalProperties(0.1, 2.5, 8.0);
    }
}

package dev.hearth.gateway.discovery.homeassistant.template;

/** Python's arithmetic on Long and Double: integers stay integers except for true division. */
final class Arithmetic {
    private Arithmetic() {
    }

    static Object apply(String op, Object left, Object right) {
        if (op.equals("+") && left instanceof String a && right instanceof String b) return a + b;
        if (!(left instanceof Long || left instanceof Double) || !(right instanceof Long || right instanceof Double)) {
            return Undefined.INSTANCE;
        }
        if (left instanceof Long a && right instanceof Long b && !op.equals("/") && !op.equals("**")) return integer(op, a, b);
        return decimal(op, ((Number) left).doubleValue(), ((Number) right).doubleValue());
    }

    private static Object integer(String op, long a, long b) {
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "//" -> b == 0 ? Undefined.INSTANCE : Math.floorDiv(a, b);
            case "%" -> b == 0 ? Undefined.INSTANCE : Math.floorMod(a, b);
            default -> Undefined.INSTANCE;
        };
    }

    private static Object decimal(String op, double a, double b) {
        double r = switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> b == 0 ? Double.NaN : a / b;
            case "//" -> b == 0 ? Double.NaN : Math.floor(a / b);
            case "%" -> b == 0 ? Double.NaN : a - b * Math.floor(a / b);
            case "**" -> Math.pow(a, b);
            default -> Double.NaN;
        };
        return Double.isFinite(r) ? (Object) r : Undefined.INSTANCE;
    }
}

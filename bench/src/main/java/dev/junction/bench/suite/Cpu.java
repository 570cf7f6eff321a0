package dev.junction.bench.suite;

/**
 * CPU spent by the proxy under test (Junction or nginx; none for the direct arm) and by the mock
 * during one run, from {@code /proc} before and after.
 */
final class Cpu {
    private final Stack stack;
    private final String arm;
    private final double proxyBefore;
    private final double mockBefore;

    private Cpu(Stack stack, String arm) {
        this.stack = stack;
        this.arm = arm;
        this.proxyBefore = proxyMillis();
        this.mockBefore = ProcStats.cpuMillis(stack.mock.toHandle());
    }

    static Cpu start(Stack stack, String arm) {
        return new Cpu(stack, arm);
    }

    /** {proxy ms, mock ms} since start. */
    double[] stop() {
        return new double[] {proxyMillis() - proxyBefore, ProcStats.cpuMillis(stack.mock.toHandle()) - mockBefore};
    }

    private double proxyMillis() {
        return switch (arm) {
            case Arms.JUNCTION -> ProcStats.cpuMillis(stack.gateway.toHandle());
            case Arms.NGINX -> ProcStats.cpuMillis(stack.nginx.toHandle());
            default -> 0;
        };
    }
}

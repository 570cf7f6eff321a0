package dev.junction.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code junction demo [--port N]}: the gateway in front of three simulated providers on loopback ports, so the
 * first requests work offline and show what routing does. Prints {@code demo key: <key>} and
 * {@code provisioning key: <key>} on stdout, then requests to try.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on built-in defaults with simulated providers (works offline).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "${env:JUNCTION_SERVER_PORT:-8080}", paramLabel = "N",
            description = "gateway port (default: JUNCTION_SERVER_PORT, else 8080)")
    int port;

    @Override
    public Integer call() {
        Demo demo = Demo.start(port);
        PrintStream out = System.out;
        out.println("demo key: " + demo.key());
        out.println("provisioning key: " + demo.provisioningKey());
        out.printf("""

                Junction demo on http://127.0.0.1:%d with three simulated providers:
                  OpenAI (simulated)      typing pace, list price, keeps prompts 30 days   openai/gpt-4o-mini (the default), junction/echo
                  SwiftInfer (simulated)  fast, dearer, fp8, keeps nothing (ZDR)          meta-llama/llama-3.1-8b-instruct, qwen/qwen3-8b
                  BudgetGPU (simulated)   slow, cheapest, int4, trains on prompts         meta-llama/llama-3.1-8b-instruct (+ :free), qwen/qwen3-8b (over capacity)
                $%s of credits; data in %s (deleted on exit). Stop with Ctrl-C.

                Try, in another terminal:
                  export DEMO_KEY=%s
                """, demo.port(), Demo.CREDITS.toPlainString(), demo.dataDir(), demo.key());
        for (DemoTour.Example example : DemoTour.EXAMPLES) {
            if (example.highlight()) {
                out.println("  # " + example.shows());
                out.println("  " + example.curl(demo.port()));
            }
        }
        out.printf("  # … and %d more, one per routing feature: README.md, Quick start%n",
                DemoTour.EXAMPLES.stream().filter(e -> !e.highlight()).count());
        out.flush();
        Run.untilStopped(demo);
        return 0;
    }
}

package dev.junction.cli;

import ch.qos.logback.classic.LoggerContext;
import dev.junction.Junction;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/** Keeps the process alive until SIGTERM/SIGINT, then closes the gateway cleanly. */
final class Run {
    private Run() {}

    static void untilStopped(AutoCloseable... resources) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    System.err.println("error while stopping: " + e.getMessage());
                }
            }
            // The access log is written asynchronously: its last lines must not die with the JVM.
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
                logging.stop();
            }
            stopped.countDown();
        }, "junction-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void untilStopped(Junction junction) {
        untilStopped(new AutoCloseable[] {junction});
    }
}

package org.lfenergy.cds.e2e.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lfenergy.cds.testing.LocalStack;

/**
 * Crashes and restores the servers of the drills' private stack ({@link LocalStack#privateInfrastructure}): never the
 * servers other test runs share. A Kafka kill is SIGKILL, as a crash or an OOM kill would be; a PostgreSQL crash is
 * its immediate shutdown (SIGQUIT to the postmaster: every backend quits at once, no checkpoint, crash recovery at the
 * next start); Keycloak is stopped (SIGTERM). A restore is {@code deploy/local/stack up infra} for the private stack,
 * which starts what is down and waits until it is healthy.
 */
final class Faults {

    private final LocalStack infra;

    Faults(LocalStack infra) {
        if (!infra.isPrivate()) {
            throw new IllegalArgumentException("fault drills run on a private stack only");
        }
        this.infra = infra;
    }

    /** SIGKILL to the Kafka broker. */
    void killKafka() {
        ProcessHandle broker = server("kafka");
        broker.destroyForcibly();
        await(List.of(broker));
    }

    /** PostgreSQL crashes: immediate shutdown of the postmaster and every backend. */
    void crashPostgres() {
        ProcessHandle postmaster = server("postgres");
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        signal(postmaster.pid(), "QUIT");
        await(all);
    }

    /** Stops Keycloak (its kc.sh and the JVM under it). */
    void stopKeycloak() {
        ProcessHandle kc = server("keycloak");
        List<ProcessHandle> all = new ArrayList<>(kc.descendants().toList());
        all.add(kc);
        all.forEach(ProcessHandle::destroy);
        await(all);
    }

    /** Starts whatever server of the private stack is down and waits until all are healthy. */
    void restoreInfrastructure() {
        infra.upInfrastructure();
    }

    private ProcessHandle server(String name) {
        return infra.serverProcess(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(List<ProcessHandle> processes) {
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + p.pid() + " still running", e);
            }
        }
    }
}

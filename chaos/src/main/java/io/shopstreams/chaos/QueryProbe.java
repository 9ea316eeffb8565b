package io.shopstreams.chaos;

import io.shopstreams.service.http.QueryRouter;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Reads existing carts and orders all along, as a client with a 1 s budget would: it asks a running instance and,
 * on a 503 or no answer within half the budget, the other one, until 1 s has passed. Every answer is kept and
 * checked against the log afterwards ({@link ProbeCheck}). Only aggregates the log already had at version 1 are
 * asked for, so a 404 is always a wrong answer.
 */
final class QueryProbe implements AutoCloseable {
    private static final Duration BUDGET = Duration.ofSeconds(1);

    private final EventLog log;
    private final List<ServiceInstance> instances;
    private final Random random;
    private final List<ProbeAnswer> answers = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread = new Thread(this::run, "chaos-probe");
    private volatile boolean stopped;

    QueryProbe(EventLog log, List<ServiceInstance> instances, long seed) {
        this.log = log;
        this.instances = List.copyOf(instances);
        this.random = new Random(seed);
    }

    void start() {
        thread.start();
    }

    List<ProbeAnswer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    private void run() {
        int round = 0;
        while (!stopped) {
            Service service = Service.values()[round++ % 2];
            String id = log.randomExisting(service, random);
            if (id != null) {
                answers.add(probe(service, id));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private ProbeAnswer probe(Service service, String id) {
        List<ServiceInstance> running = new ArrayList<>(instances.stream()
                .filter(instance -> instance.service() == service && instance.isAlive()).toList());
        Collections.shuffle(running, random);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        StringJoiner attempts = new StringJoiner("; ");
        ProbeAnswer last = new ProbeAnswer(service, id, null, 0, null, false, null, Instant.now(),
                "no instance running");
        for (int attempt = 0; attempt < running.size(); attempt++) {
            ServiceInstance instance = running.get(attempt);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            // An instance that cannot answer (cut off, starved) must not take the whole budget from the other.
            boolean othersLeft = attempt < running.size() - 1;
            long wait = othersLeft ? Math.min(left, BUDGET.toNanos() / 2) : left;
            Instant sentAt = Instant.now();
            long sent = System.nanoTime();
            Optional<HttpResponse<String>> response =
                    instance.get("/" + service.resourcePath() + "/" + id, Duration.ofNanos(wait));
            long tookMillis = (System.nanoTime() - sent) / 1_000_000;
            if (response.isEmpty()) {
                attempts.add(instance.name() + ": none in " + tookMillis + " ms");
                last = new ProbeAnswer(service, id, last.instance(), last.status(), null, false, last.servedBy(),
                        last.sentAt(), attempts.toString());
                continue;
            }
            int status = response.get().statusCode();
            attempts.add(instance.name() + ": " + status + " after " + tookMillis + " ms");
            boolean definite = status == 200 || status == 404;
            last = new ProbeAnswer(service, id, instance.name(), status, definite ? response.get().body() : null,
                    definite && System.nanoTime() <= deadline,
                    response.get().headers().firstValue(QueryRouter.SERVED_BY_HEADER).orElse(null), sentAt,
                    attempts.toString());
            if (definite) {
                return last;
            }
        }
        return last;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5000);
    }
}

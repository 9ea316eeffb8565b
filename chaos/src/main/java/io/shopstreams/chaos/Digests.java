package io.shopstreams.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopstreams.service.BoundedWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** {@code GET /admin/digest} on both instances of each service: the same stores, within a bounded wait. */
final class Digests {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Digests() {
    }

    /** @param progress told the last answers of a service whose digests stayed unequal */
    static Map<String, Boolean> compare(Collection<ServiceInstance> instances, Consumer<String> progress)
            throws InterruptedException {
        Map<String, Boolean> equal = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            List<ServiceInstance> both = instances.stream().filter(i -> i.service() == service).toList();
            Map<String, String> answers = new TreeMap<>();
            boolean same = BoundedWait.within(WAIT, Duration.ofSeconds(1), () -> sameDigest(both, answers));
            if (!same) {
                answers.forEach((instance, answer) -> progress.accept("digest of " + instance + ": " + answer));
            }
            equal.put(service.label(), same);
        }
        return equal;
    }

    private static boolean sameDigest(List<ServiceInstance> instances, Map<String, String> answers) {
        List<String> bodies = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            Optional<HttpResponse<String>> digest = instance.get("/admin/digest", Duration.ofSeconds(10));
            answers.put(instance.toString(), digest.map(d -> d.statusCode() + " " + d.body()).orElse("no answer"));
            if (digest.isEmpty() || digest.get().statusCode() != 200) {
                return false;
            }
            bodies.add(digest.get().body());
        }
        return sameStores(bodies);
    }

    /**
     * Whether the answers fingerprint the same stores: compared as JSON, since two JVMs may order the same
     * keys differently (the harness compared the text once and reported equal digests as unequal).
     */
    static boolean sameStores(List<String> bodies) {
        JsonNode first = null;
        for (String body : bodies) {
            JsonNode stores;
            try {
                stores = JSON.readTree(body).path("stores");
            } catch (JsonProcessingException e) {
                return false;
            }
            if (stores.isMissingNode() || first != null && !first.equals(stores)) {
                return false;
            }
            first = stores;
        }
        return first != null;
    }
}

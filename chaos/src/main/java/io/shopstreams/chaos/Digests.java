package io.shopstreams.chaos;

import io.shopstreams.service.BoundedWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /admin/digest} on both instances of each service: equal bodies, within a bounded wait. */
final class Digests {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Digests() {
    }

    static Map<String, Boolean> compare(Collection<ServiceInstance> instances) throws InterruptedException {
        Map<String, Boolean> equal = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            List<ServiceInstance> both = instances.stream().filter(i -> i.service() == service).toList();
            equal.put(service.label(), BoundedWait.within(WAIT, Duration.ofSeconds(1), () -> sameDigest(both)));
        }
        return equal;
    }

    private static boolean sameDigest(List<ServiceInstance> instances) {
        String first = null;
        for (ServiceInstance instance : instances) {
            Optional<HttpResponse<String>> digest = instance.get("/admin/digest", Duration.ofSeconds(10));
            if (digest.isEmpty() || digest.get().statusCode() != 200) {
                return false;
            }
            if (first != null && !first.equals(digest.get().body())) {
                return false;
            }
            first = digest.get().body();
        }
        return true;
    }
}

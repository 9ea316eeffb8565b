package io.shopstreams.service;

import io.micrometer.core.instrument.Timer;
import io.shopstreams.service.http.HttpMetrics;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceMetricsTest {

    @Test
    void count_each_answer_under_its_route_and_status_class() {
        try (ServiceMetrics metrics = new ServiceMetrics()) {
            HttpMetrics http = metrics.http();
            http.answered("GET /carts/{cartId}", 200, TimeUnit.MILLISECONDS.toNanos(3));
            http.answered("GET /carts/{cartId}", 204, TimeUnit.MILLISECONDS.toNanos(7));
            http.answered("GET /carts/{cartId}", 404, TimeUnit.MILLISECONDS.toNanos(1));
            http.answered("GET /orders/{orderId}", 200, TimeUnit.MILLISECONDS.toNanos(2));
            http.answered("unmatched", 999, TimeUnit.MILLISECONDS.toNanos(5));

            assertThat(timer(metrics, "GET /carts/{cartId}", "2xx").count()).isEqualTo(2);
            assertThat(timer(metrics, "GET /carts/{cartId}", "2xx").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10.0);
            assertThat(timer(metrics, "GET /carts/{cartId}", "4xx").count()).isEqualTo(1);
            assertThat(timer(metrics, "GET /orders/{orderId}", "2xx").count()).isEqualTo(1);
            assertThat(timer(metrics, "unmatched", "9xx").count()).isEqualTo(1);
            assertThat(metrics.registry().find("shop_http_requests").timers()).hasSize(4);
            assertThat(metrics.registry().scrape())
                    .contains("shop_http_requests_seconds_count{route=\"GET /carts/{cartId}\",status=\"2xx\"} 2");
        }
    }

    private static Timer timer(ServiceMetrics metrics, String route, String status) {
        return metrics.registry().get("shop_http_requests").tags("route", route, "status", status).timer();
    }
}

package io.shopstreams.service;

import io.shopstreams.service.http.RouteTable;
import io.shopstreams.service.http.QueryRouter;
import org.apache.kafka.streams.Topology;

import java.util.List;
import java.util.Map;

/**
 * What one service adds to the shared runtime: its name and settings, its topology, the stores
 * {@code /admin/digest} fingerprints and its HTTP routes. Everything else (config, Kafka clients, routing,
 * health, metrics, shutdown) is the same for every service.
 */
public interface ServiceDefinition {

    /** The service's name: its default application id, and its name in logs and dead letters. */
    String name();

    int defaultHttpPort();

    /** The service's own settings (beyond {@link ServiceSettings#defaults}) with their defaults. */
    Map<String, String> ownDefaults();

    /** Builds the instance's parts; the topology from the context's settings and meters. */
    Parts build(ServiceContext context);

    /** The routes a service serves, given the router that finds the instance owning a key. */
    @FunctionalInterface
    interface Routes {
        void register(RouteTable routes, QueryRouter queries);
    }

    /** A service instance's own parts. */
    record Parts(Topology topology, List<DigestStore> digestStores, Routes routes) {
    }

    /** Every setting of the service, env name -> default. */
    default Map<String, String> defaults() {
        Map<String, String> defaults = ServiceSettings.defaults(name(), defaultHttpPort());
        defaults.putAll(ownDefaults());
        return defaults;
    }

    /** The settings an environment gives (for {@code main}, {@code shopctl dev} and tests). */
    default ServiceSettings settings(Map<String, String> env) {
        return ServiceSettings.from(ServiceConfig.load(name(), env, defaults()));
    }
}

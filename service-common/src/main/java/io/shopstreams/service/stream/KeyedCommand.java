package io.shopstreams.service.stream;

/** A decoded command with the aggregate id its record key names. */
public record KeyedCommand<C>(String aggregateId, C command) {
}

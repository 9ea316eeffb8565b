package io.shopstreams.shopctl.replay;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.shopstreams.cart.replay.CartStoreFold;
import io.shopstreams.cart.stream.CartTopology;
import io.shopstreams.order.replay.OrderStoreFold;
import io.shopstreams.order.stream.OrderTopology;
import io.shopstreams.service.replay.StoreFold;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A service that {@code shopctl replay} rebuilds: its default application id, its stores and its fold. */
public enum ReplayTarget {
    CART("cart", CartTopology.SERVICE, CartStoreFold::stores, CartStoreFold::new),
    ORDER("order", OrderTopology.SERVICE, OrderStoreFold::stores, OrderStoreFold::new);

    private final String argument;
    private final String service;
    private final Supplier<List<String>> stores;
    private final LongFunction<StoreFold> fold;

    ReplayTarget(String argument, String service, Supplier<List<String>> stores, LongFunction<StoreFold> fold) {
        this.argument = argument;
        this.service = service;
        this.stores = stores;
        this.fold = fold;
    }

    /** The service name, also its default application id. */
    String service() {
        return service;
    }

    List<String> stores() {
        return stores.get();
    }

    /** A fresh fold of the events with a timestamp up to {@code untilMillis} ({@code Long.MAX_VALUE}: all). */
    StoreFold fold(long untilMillis) {
        return fold.apply(untilMillis);
    }

    /** {@code cart} or {@code order} on the command line. */
    static final class Converter implements ITypeConverter<ReplayTarget> {
        @Override
        public ReplayTarget convert(String value) {
            return Arrays.stream(values()).filter(target -> target.argument.equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown service '" + value + "': one of "
                            + Arrays.stream(values()).map(target -> target.argument).collect(Collectors.joining(", "))));
        }
    }
}

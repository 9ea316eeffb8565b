package io.shopstreams.shopctl.cli;

import io.shopstreams.events.Fields;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks an ID argument (cartId, orderId, sku, customerId, commandId) against the ID rule of docs/contract.md,
 * section 3.1 before anything is sent, so that a typo is a usage error naming the argument, not a dead letter.
 */
public final class IdConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        if (!Fields.isValidId(value)) {
            throw new TypeConversionException("'" + value + "' is not an ID: use 1-64 characters of [A-Za-z0-9._:-]");
        }
        return value;
    }
}

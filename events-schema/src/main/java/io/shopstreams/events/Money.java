package io.shopstreams.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component as an amount of money in integer minor units ({@code long}, e.g. cents). A value that is
 * not such an integer is then refused as {@link ErrorCode#INVALID_MONEY} rather than as a wrong field type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Money {
}

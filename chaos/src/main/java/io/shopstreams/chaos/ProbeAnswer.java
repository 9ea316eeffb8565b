package io.shopstreams.chaos;

/**
 * One probe of one aggregate that existed in the log when it was sent.
 *
 * @param status   the HTTP status of the last attempt, 0 when no instance answered at all
 * @param body     the body of a 200 or 404, else null
 * @param answered whether some instance answered 200 or 404 within 1 s
 */
record ProbeAnswer(Service service, String id, String instance, int status, String body, boolean answered) {
}

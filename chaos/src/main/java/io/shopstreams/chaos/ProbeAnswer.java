package io.shopstreams.chaos;

/**
 * One probe of one aggregate that existed in the log when it was sent.
 *
 * @param status   the HTTP status of the last attempt, 0 when no instance answered at all
 * @param body     the body of a 200 or 404, else null
 * @param answered whether some instance answered 200 or 404 within 1 s
 * @param servedBy the instance that read the store when {@code instance} forwarded the request, else null
 * @param sentAt   when the answering request was sent, for matching a wrong answer with the services' logs
 * @param attempts each instance asked, what it answered and after how long, e.g.
 *                 {@code cart-b: none in 1000 ms}: why a probe was not answered in time
 */
record ProbeAnswer(Service service, String id, String instance, int status, String body, boolean answered,
                   String servedBy, java.time.Instant sentAt, String attempts) {
    /** Where the answer came from, for a person: {@code cart-a at 12:00:01.250Z}, plus who served a forward. */
    String source() {
        return instance + (servedBy == null ? "" : " (served by " + servedBy + ")") + " at " + sentAt;
    }
}

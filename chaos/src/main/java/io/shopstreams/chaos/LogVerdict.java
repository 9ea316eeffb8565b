package io.shopstreams.chaos;

import java.util.List;

/**
 * What the topics say about the run ({@link LogCheck}).
 *
 * @param commands          distinct valid commands Kafka acknowledged
 * @param lost              of those, without an outcome event
 * @param duplicated        outcome events beyond the first of a command (re-sends included)
 * @param unacknowledged    commands none of whose copies was acknowledged (0 or 1 outcome allowed)
 * @param deadLettersExpected malformed records Kafka acknowledged
 * @param deadLettersFound  of those, with exactly one dead letter holding their original key and value bytes
 * @param deadLetterHeaderMismatches dead letters found with another code or source than expected
 * @param unexpectedDeadLetters dead letters of no malformed record the harness sent
 * @param duplicateEventIds events whose eventId appeared before
 * @param versionViolations events breaking their aggregate's 1..n sequence (or a rejection's decided-against version)
 * @param checkouts         {@code CartCheckedOut} events
 * @param orderRejections   {@code OrderRejected} events
 * @param sagaViolations    checkouts without exactly one order answer, rejections without exactly one reopen,
 *                          answers without a checkout
 * @param samples           the first few violations, for a person
 */
record LogVerdict(long commands, long lost, long duplicated, long unacknowledged, long deadLettersExpected,
                  long deadLettersFound, long deadLetterHeaderMismatches, long unexpectedDeadLetters,
                  long duplicateEventIds, long versionViolations, long checkouts, long orderRejections,
                  long sagaViolations, List<String> samples) {
}

package io.shopstreams.chaos;

import java.nio.charset.StandardCharsets;

/**
 * One record of the load plan.
 *
 * @param seq          position in the plan, from 0
 * @param topic        a command topic
 * @param key          the record key, null for the malformed record without one
 * @param value        the exact bytes sent
 * @param kind         a valid command, an exact re-send of an earlier one, or a record that is not a command
 * @param commandId    the command's id (the original's for a re-send); null for a malformed record
 * @param expectedCode the dead-letter code a malformed record must get; null otherwise
 */
record PlannedRecord(long seq, String topic, String key, byte[] value, Kind kind, String commandId,
                     String expectedCode) {

    enum Kind { COMMAND, RESEND, MALFORMED }

    Service service() {
        return topic.equals(Service.CART.commandTopic()) ? Service.CART : Service.ORDER;
    }

    PlannedRecord resentAs(long newSeq) {
        return new PlannedRecord(newSeq, topic, key, value, Kind.RESEND, commandId, null);
    }

    String valueText() {
        return new String(value, StandardCharsets.UTF_8);
    }
}

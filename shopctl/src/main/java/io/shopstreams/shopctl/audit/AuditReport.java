package io.shopstreams.shopctl.audit;

import java.util.List;
import java.util.Map;

/** What an audit found: counts of what it read, and every broken invariant, one line each. */
public record AuditReport(Map<String, Long> counts, List<String> violations) {
    public AuditReport {
        counts = Map.copyOf(counts);
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }
}

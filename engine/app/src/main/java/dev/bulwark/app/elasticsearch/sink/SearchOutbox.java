package dev.bulwark.app.elasticsearch.sink;

/**
 * What the engine hands to Elasticsearch, recorded in the database in the caller's transaction and
 * indexed later by the sink. This is the seam for other record producers: an audit log calls {@link
 * #audit} from its own append transaction and its records reach {@code bulwark-audit-*}.
 */
public interface SearchOutbox {

  /** The incident changed; its state at flush time is indexed into {@code bulwark-incidents}. */
  void incidentChanged(String incidentId);

  /** The ledger entry changed; its state at flush time is indexed into {@code bulwark-actions}. */
  void actionChanged(String idempotencyKey);

  /** An audit record, indexed as given into {@code bulwark-audit-YYYY.MM} of its time. */
  void audit(AuditRecord record);
}

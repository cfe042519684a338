package dev.bulwark.core.audit;

/**
 * Walks audit records in {@code seq} order and reports the first one that does not fit the chain.
 * Feed it with {@link #accept} and ask {@link #result}; it holds one record at a time, so it can
 * check a log of any length.
 */
public final class AuditVerifier {

  private long expectedSeq = 1;
  private String previousHash = AuditChain.GENESIS;
  private long checked;
  private Long brokenAt;
  private String problem;

  /** Checks the next record; after the first break the rest is not looked at. */
  public void accept(AuditRecord record) {
    if (brokenAt != null) {
      return;
    }
    if (record.seq() != expectedSeq) {
      fail(
          record.seq(),
          record.seq() > expectedSeq
              ? "record "
                  + expectedSeq
                  + " is missing (deleted): the next present is "
                  + record.seq()
              : "record " + record.seq() + " appears out of order after " + (expectedSeq - 1));
      return;
    }
    if (!record.previousHash().equals(previousHash)) {
      fail(
          record.seq(),
          "record "
              + record.seq()
              + " does not follow record "
              + (record.seq() - 1)
              + ": its previous-hash differs (a record was deleted, inserted or moved)");
      return;
    }
    if (!AuditChain.hashOf(record).equals(record.hash())) {
      fail(
          record.seq(),
          "record " + record.seq() + " was edited: its content no longer matches its hash");
      return;
    }
    checked++;
    expectedSeq++;
    previousHash = record.hash();
  }

  public AuditVerification result() {
    return new AuditVerification(
        brokenAt == null, checked, expectedSeq - 1, previousHash, brokenAt, problem);
  }

  private void fail(long seq, String message) {
    brokenAt = seq;
    problem = message;
  }
}

package dev.bulwark.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditVerifierTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void anUntouchedChainVerifiesAndReportsItsHead() {
    List<AuditRecord> chain = chain(5);

    AuditVerification result = verify(chain);

    assertThat(result.valid()).isTrue();
    assertThat(result.records()).isEqualTo(5);
    assertThat(result.headSeq()).isEqualTo(5);
    assertThat(result.headHash()).isEqualTo(chain.get(4).hash());
    assertThat(result.brokenAt()).isNull();
  }

  @Test
  void anEditedRecordIsFoundByItsHash() {
    List<AuditRecord> chain = chain(5);
    AuditRecord r = chain.get(2);
    chain.set(
        2,
        new AuditRecord(
            r.seq(),
            r.at(),
            "someone-else",
            r.action(),
            r.target(),
            r.origin(),
            r.details(),
            r.previousHash(),
            r.hash()));

    AuditVerification result = verify(chain);

    assertThat(result.valid()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(3);
    assertThat(result.problem())
        .isEqualTo("record 3 was edited: its content no longer matches its hash");
  }

  @Test
  void anEditWhoseHashWasAlsoRecomputedBreaksTheNextLink() {
    List<AuditRecord> chain = chain(5);
    AuditRecord r = chain.get(2);
    AuditRecord forged =
        new AuditRecord(
            r.seq(),
            r.at(),
            r.actor(),
            "approval.decided",
            r.target(),
            r.origin(),
            "{}",
            r.previousHash(),
            null);
    chain.set(2, withHash(forged, AuditChain.hashOf(forged)));

    AuditVerification result = verify(chain);

    assertThat(result.brokenAt()).isEqualTo(4);
    assertThat(result.problem()).contains("record 4 does not follow record 3");
  }

  @Test
  void aDeletedRecordIsFoundByTheGapItLeaves() {
    List<AuditRecord> chain = chain(5);
    chain.remove(1);

    AuditVerification result = verify(chain);

    assertThat(result.valid()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(3);
    assertThat(result.problem()).isEqualTo("record 2 is missing (deleted): the next present is 3");
  }

  @Test
  void aDeletionRenumberedToHideTheGapBreaksTheChainLink() {
    List<AuditRecord> chain = chain(5);
    chain.remove(1);
    for (int i = 1; i < chain.size(); i++) {
      AuditRecord r = chain.get(i);
      chain.set(
          i,
          new AuditRecord(
              i + 1,
              r.at(),
              r.actor(),
              r.action(),
              r.target(),
              r.origin(),
              r.details(),
              r.previousHash(),
              r.hash()));
    }

    AuditVerification result = verify(chain);

    assertThat(result.brokenAt()).isEqualTo(2);
    assertThat(result.problem()).contains("previous-hash differs");
  }

  @Test
  void twoRecordsSwappedInPlaceAreFound() {
    List<AuditRecord> chain = chain(5);
    AuditRecord second = chain.get(1);
    AuditRecord third = chain.get(2);
    chain.set(1, renumber(third, 2));
    chain.set(2, renumber(second, 3));

    AuditVerification result = verify(chain);

    assertThat(result.valid()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(2);
  }

  @Test
  void recordsReadOutOfOrderAreFound() {
    List<AuditRecord> chain = chain(4);
    chain.add(1, chain.remove(3));

    AuditVerification result = verify(chain);

    assertThat(result.brokenAt()).isEqualTo(4);
    assertThat(result.problem()).contains("missing");
  }

  @Test
  void movingTextBetweenFieldsChangesTheHash() {
    AuditRecord a = AuditChain.next(0, AuditChain.GENESIS, T0, "ab", "c", "t", "o", "{}");
    AuditRecord b = AuditChain.next(0, AuditChain.GENESIS, T0, "a", "bc", "t", "o", "{}");

    assertThat(a.hash()).isNotEqualTo(b.hash());
  }

  private static List<AuditRecord> chain(int n) {
    List<AuditRecord> records = new ArrayList<>();
    long seq = 0;
    String previous = AuditChain.GENESIS;
    for (int i = 0; i < n; i++) {
      AuditRecord r =
          AuditChain.next(
              seq,
              previous,
              T0.plusSeconds(i),
              "analyst",
              "incident.changed",
              "inc-" + i,
              "127.0.0.1",
              "{\"n\":" + i + "}");
      records.add(r);
      seq = r.seq();
      previous = r.hash();
    }
    return records;
  }

  private static AuditRecord renumber(AuditRecord r, long seq) {
    return new AuditRecord(
        seq,
        r.at(),
        r.actor(),
        r.action(),
        r.target(),
        r.origin(),
        r.details(),
        r.previousHash(),
        r.hash());
  }

  private static AuditRecord withHash(AuditRecord r, String hash) {
    return new AuditRecord(
        r.seq(),
        r.at(),
        r.actor(),
        r.action(),
        r.target(),
        r.origin(),
        r.details(),
        r.previousHash(),
        hash);
  }

  private static AuditVerification verify(List<AuditRecord> records) {
    AuditVerifier verifier = new AuditVerifier();
    records.forEach(verifier::accept);
    return verifier.result();
  }
}

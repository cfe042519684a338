package dev.bulwark.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskSignalPrunerTest {

  private static final Instant NOW = Instant.parse("2025-03-20T12:00:00Z");
  private static final Duration MARGIN = Duration.ofDays(1);

  private final InMemoryRiskStore signals = new InMemoryRiskStore();
  private final List<Integer> batches = new ArrayList<>();
  private final RiskStore counting =
      new RiskStore() {
        @Override
        public void record(RiskSignal signal) {
          signals.record(signal);
        }

        @Override
        public List<RiskSignal> signals(String entityKey, Instant from, Instant to) {
          return signals.signals(entityKey, from, to);
        }

        @Override
        public int prune(Instant cutoff, int limit) {
          int deleted = signals.prune(cutoff, limit);
          batches.add(deleted);
          return deleted;
        }

        @Override
        public Optional<Instant> newestEventTime() {
          return signals.newestEventTime();
        }

        @Override
        public Optional<Instant> lastContained(String correlationKey) {
          return Optional.empty();
        }
      };

  @Test
  void signalsOlderThanTheWindowAndMarginAreDeletedInBatchesTheRestStay() {
    for (int i = 0; i < 25; i++) {
      signal("user:u" + i, NOW.minus(Duration.ofDays(9)).minus(Duration.ofMinutes(i)));
    }
    signal("user:late", NOW.minus(Duration.ofDays(8)).plus(Duration.ofHours(1)));
    signal("user:recent", NOW.minus(Duration.ofHours(1)));

    long deleted = pruner(NOW, 10).prune();

    assertThat(deleted).isEqualTo(25);
    assertThat(batches).containsExactly(10, 10, 5);
    assertThat(signals.signals("user:u0", Instant.EPOCH, NOW)).isEmpty();
    assertThat(signals.signals("user:late", Instant.EPOCH, NOW)).hasSize(1);
    assertThat(signals.signals("user:recent", Instant.EPOCH, NOW)).hasSize(1);
  }

  @Test
  void aReplayOfAPastWeekKeepsTheSignalsItIsStillAddingUp() {
    Instant replayed = Instant.parse("2024-06-10T09:00:00Z");
    signal("user:replayed", replayed.minus(Duration.ofDays(6)));
    signal("user:replayed", replayed);
    signal("user:long-gone", replayed.minus(Duration.ofDays(30)));

    assertThat(pruner(NOW, 10).prune()).isEqualTo(1);

    assertThat(signals.signals("user:replayed", Instant.EPOCH, NOW)).hasSize(2);
    assertThat(signals.signals("user:long-gone", Instant.EPOCH, NOW)).isEmpty();
  }

  @Test
  void aSignalStampedInTheFutureDoesNotMoveTheCutOffPastTheClock() {
    signal("user:skewed", NOW.plus(Duration.ofDays(30)));
    signal("user:current", NOW.minus(Duration.ofDays(5)));

    assertThat(pruner(NOW, 10).cutoff()).contains(NOW.minus(Duration.ofDays(8)));
    assertThat(pruner(NOW, 10).prune()).isZero();
    assertThat(signals.signals("user:current", Instant.EPOCH, NOW)).hasSize(1);
  }

  @Test
  void nothingToPruneWhenThereAreNoSignals() {
    assertThat(pruner(NOW, 10).cutoff()).isEmpty();
    assertThat(pruner(NOW, 10).prune()).isZero();
    assertThat(batches).isEmpty();
  }

  private RiskSignalPruner pruner(Instant now, int batchSize) {
    return new RiskSignalPruner(
        counting, RiskPolicy.DEFAULT, MARGIN, batchSize, Clock.fixed(now, ZoneOffset.UTC));
  }

  private void signal(String entity, Instant at) {
    counting.record(new RiskSignal(entity, "rule", "a rule", 30, at, List.of(1L)));
  }
}

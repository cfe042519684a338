package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link DeviceDay#spansReaching} offers the rule, and when a span may be read. */
class DeviceDayTest {

  private static final Duration DAY = Duration.ofHours(24);
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @Test
  void offersTheWindowsOfEveryChangedEventWithTheEventsAtItsTimeAndTheDayBefore() {
    DeviceDay day = new DeviceDay("laptop-1");
    day.add(1, 0, "ana", "host-a", "10.0.0.1");
    day.add(2, 2 * HOUR, "bob", "host-a", "10.0.0.2");
    day.add(3, 2 * HOUR, "cy", "host-a", "10.0.0.3");
    day.add(4, HOUR, "bob", "host-a", "10.0.0.2"); // late, between the others

    List<DeviceSpan> spans = day.spansReaching(DAY);

    assertThat(spans).extracting(span -> span.getLatest().seq()).containsExactly(1L, 4L, 2L, 3L);
    assertThat(spans).extracting(DeviceSpan::getDistinctUsers).containsExactly(1, 2, 3, 3);
    // Both events of 2h end a window holding each other.
    assertThat(spans.get(2).getUses()).extracting(DeviceUse::seq).containsExactly(1L, 4L, 2L, 3L);
    assertThat(spans.get(2).getLatest().getDeviceId()).isEqualTo("laptop-1");
  }

  @Test
  void afterTheRuleFiredOffersOnlyTheWindowsANewOrExpiredEventChanged() {
    DeviceDay day = new DeviceDay("laptop-1");
    day.add(1, 0, "ana", null, null);
    day.add(2, 10 * HOUR, "bob", null, null);
    day.add(3, 30 * HOUR, "cy", null, null);
    day.fired();
    assertThat(day.spansReaching(DAY)).isEmpty();

    day.add(4, 20 * HOUR, "dan", null, null);
    // Its own window and that of the event 10h after it; not the one 10h before.
    assertThat(day.spansReaching(DAY))
        .extracting(span -> span.getLatest().seq())
        .containsExactly(4L, 3L);
    day.fired();

    assertThat(day.removeBefore(HOUR)).isTrue();
    // The event of 0h left: the windows it was in, ending up to 24h later.
    assertThat(day.spansReaching(DAY))
        .extracting(span -> span.getLatest().seq())
        .containsExactly(2L, 4L);
  }

  @Test
  void aSpanIsNotReadAfterItsDayChanged() {
    DeviceDay day = new DeviceDay("laptop-1");
    day.add(1, 0, "ana", null, null);
    DeviceSpan span = day.spansReaching(DAY).get(0);

    day.add(2, 0, "bob", null, null);

    assertThatThrownBy(span::getUses).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(span::getLatest).isInstanceOf(IllegalStateException.class);
  }
}

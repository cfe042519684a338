package dev.bulwark.connectors.support;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EDR's network containment: {@code ISOLATE_HOST} cuts the host off (only the EDR's cloud can
 * still reach it), {@code RELEASE_HOST} reconnects it. The target is the hostname. Every EDR is
 * read first, so a host already in (or on its way to) the asked state is reported UNCHANGED instead
 * of acted on twice, and a lookup after a node died answers from the same state.
 */
public abstract class HostContainmentRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(HostContainmentRoutes.class);

  /** Where a host's containment stands, in words every EDR maps its own onto. */
  public enum Containment {
    RELEASED,
    ISOLATING,
    ISOLATED,
    RELEASING;

    boolean reached(boolean isolate) {
      return isolate
          ? this == ISOLATED || this == ISOLATING
          : this == RELEASED || this == RELEASING;
    }
  }

  /**
   * A host as the EDR knows it.
   *
   * @param id the EDR's own id (device, machine, agent or endpoint id)
   * @param state the EDR's own word for its containment, shown in details
   */
  public record Host(String name, String id, Containment containment, String state) {}

  protected HostContainmentRoutes(
      String provider, Set<ActionType> actions, PolicySettings policy, boolean dryRun) {
    super(provider, actions, new ConnectorPolicy(provider, policy), dryRun);
  }

  /** The host by its name; a {@link FailureKind#NOT_FOUND} failure when the EDR has none. */
  protected abstract Host find(String hostname);

  /** Asks the EDR to isolate the host. */
  protected abstract void isolate(Host host, ActionRequest request);

  /** Asks the EDR to end the host's isolation. */
  protected abstract void release(Host host, ActionRequest request);

  /** How the EDR names an isolated host, e.g. {@code contained}. */
  protected String isolatedWord() {
    return "isolated";
  }

  /** What the EDR's id names, e.g. {@code device}. */
  protected String idKind() {
    return "id";
  }

  @Override
  protected final Set<ActionType> supported() {
    return EnumSet.of(ActionType.ISOLATE_HOST, ActionType.RELEASE_HOST);
  }

  @Override
  protected final ActionResult perform(ActionRequest request) {
    boolean isolate = request.type() == ActionType.ISOLATE_HOST;
    Host host = find(request.target());
    if (host.containment().reached(isolate)) {
      return unchanged(host.name() + " was already " + word(isolate) + " (" + host.state() + ")");
    }
    if (isolate) {
      isolate(host, request);
      log.info("BULWARK-5401 {} isolated {} ({} {})", provider(), host.name(), idKind(), host.id());
    } else {
      release(host, request);
      log.info("BULWARK-5402 {} released {} ({} {})", provider(), host.name(), idKind(), host.id());
    }
    return done(word(isolate) + " " + host.name() + " (" + idKind() + " " + host.id() + ")");
  }

  /**
   * DONE when the host is in (or on its way to) the asked state: the attempt of the node that died
   * took effect. Had the host been so before that attempt, the attempt would have answered
   * UNCHANGED; the EDR cannot tell the two apart afterwards, and DONE lets a rollback undo it.
   */
  @Override
  protected final Optional<ActionResult> current(ActionRequest request) {
    boolean isolate = request.type() == ActionType.ISOLATE_HOST;
    Host host = find(request.target());
    if (!host.containment().reached(isolate)) {
      return Optional.empty();
    }
    log.info(
        "BULWARK-5403 {} found {} {} ({}) after an interrupted attempt",
        provider(),
        host.name(),
        word(isolate),
        host.state());
    return Optional.of(
        done(
            host.name()
                + " found "
                + word(isolate)
                + " ("
                + host.state()
                + ") after an interrupted attempt"));
  }

  private String word(boolean isolate) {
    return isolate ? isolatedWord() : "released";
  }
}

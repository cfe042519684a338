package dev.bulwark.rules.reference;

import dev.bulwark.rules.AlertEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the rules know beyond the alerts: the workforce's identities, the anonymising networks and
 * the corporate egress networks. One instance is shared by every session as the DRL global {@code
 * reference}; replacing a part swaps an immutable snapshot, so the next rule evaluation sees it
 * without a restart and a running evaluation never sees half an update.
 *
 * <pre>
 * global dev.bulwark.rules.reference.ReferenceData reference;
 * ...
 *   eval( reference.isAnonymising($login) )
 * </pre>
 */
public final class ReferenceData {

  /** The name rules must declare the global under. */
  public static final String GLOBAL = "reference";

  /** How long after the hire date a person counts as a new hire. */
  public static final int NEW_HIRE_DAYS = 90;

  /** {@code tags} that mark a source as anonymised whatever its AS. */
  public static final Set<String> ANONYMISER_TAGS = Set.of("vpn", "proxy", "tor", "anonymizer");

  private volatile Map<String, Identity> identities = Map.of();
  private volatile AnonymisingNetworks anonymising;
  private volatile CorporateNetworks corporate = CorporateNetworks.none();
  // Lists an admin set through the API; while set they win over the files and the shipped list,
  // so a reload of the rules directory does not undo them.
  private volatile AnonymisingNetworks anonymisingOverride;
  private volatile CorporateNetworks corporateOverride;

  public ReferenceData(AnonymisingNetworks anonymising) {
    this.anonymising = Objects.requireNonNull(anonymising, "anonymising");
  }

  /** No identities, the shipped anonymising networks, no corporate networks. */
  public static ReferenceData withDefaults() {
    return new ReferenceData(AnonymisingNetworks.defaults());
  }

  /** Replaces every identity record. */
  public void replaceIdentities(Collection<Identity> records) {
    Map<String, Identity> byUser = new HashMap<>();
    records.forEach(identity -> byUser.put(key(identity.userName()), identity));
    this.identities = Map.copyOf(byUser);
  }

  /** Replaces the default anonymising list (the shipped one, or the rules directory's file). */
  public void replaceAnonymisingNetworks(AnonymisingNetworks networks) {
    this.anonymising = Objects.requireNonNull(networks, "networks");
  }

  /** Replaces the default corporate list (configuration and the rules directory's file). */
  public void replaceCorporateNetworks(CorporateNetworks networks) {
    this.corporate = Objects.requireNonNull(networks, "networks");
  }

  /** The list to use instead of the default one, or {@code null} to go back to the default. */
  public void overrideAnonymisingNetworks(AnonymisingNetworks networks) {
    this.anonymisingOverride = networks;
  }

  /** The list to use instead of the default one, or {@code null} to go back to the default. */
  public void overrideCorporateNetworks(CorporateNetworks networks) {
    this.corporateOverride = networks;
  }

  public boolean anonymisingNetworksOverridden() {
    return anonymisingOverride != null;
  }

  public boolean corporateNetworksOverridden() {
    return corporateOverride != null;
  }

  public int identityCount() {
    return identities.size();
  }

  /** The list in force: the override when one is set, else the default. */
  public AnonymisingNetworks anonymisingNetworks() {
    AnonymisingNetworks override = anonymisingOverride;
    return override != null ? override : anonymising;
  }

  /** The list in force: the override when one is set, else the default. */
  public CorporateNetworks corporateNetworks() {
    CorporateNetworks override = corporateOverride;
    return override != null ? override : corporate;
  }

  /** The identity record of a {@code user.name} (case-insensitive), or {@code null}. */
  public Identity identity(String userName) {
    return userName == null ? null : identities.get(key(userName));
  }

  /** The user's declared country (ISO alpha-2, upper case), or {@code null} when unknown. */
  public String declaredCountry(String userName) {
    Identity identity = identity(userName);
    return identity == null ? null : identity.declaredCountry();
  }

  /** The user's department, or {@code null} when unknown. */
  public String department(String userName) {
    Identity identity = identity(userName);
    return identity == null ? null : identity.department();
  }

  /** Whether the user was hired within {@link #NEW_HIRE_DAYS} before the event time. */
  public boolean isNewHire(String userName, long eventTimeMillis) {
    Identity identity = identity(userName);
    LocalDate on = LocalDate.ofInstant(Instant.ofEpochMilli(eventTimeMillis), ZoneOffset.UTC);
    return identity != null && identity.hiredWithin(NEW_HIRE_DAYS, on);
  }

  /** Whether the address is in a corporate egress network. */
  public boolean isCorporate(String ip) {
    return corporateNetworks().contains(ip);
  }

  /**
   * Whether the event's source is an anonymising network: tagged {@code vpn}, {@code proxy}, {@code
   * tor} or {@code anonymizer}, or from a listed AS number or organisation. A corporate egress
   * address is never anonymising (the company's own VPN may be hosted at a VPS provider).
   */
  public boolean isAnonymising(AlertEvent event) {
    if (isCorporate(event.getSourceIp())) {
      return false;
    }
    for (String tag : event.getTags()) {
      if (ANONYMISER_TAGS.contains(tag.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return anonymisingNetworks().contains(event.getAsNumber(), event.getAsOrganization());
  }

  /**
   * Whether the event comes from abroad: its source country is known, the user's declared country
   * is known, and they differ. A corporate or anonymising source says nothing about where the user
   * is, so it is never abroad.
   */
  public boolean isAbroad(AlertEvent event) {
    String declared = declaredCountry(event.getUserName());
    String country = event.getCountry();
    return declared != null
        && country != null
        && !declared.equalsIgnoreCase(country)
        && !isCorporate(event.getSourceIp())
        && !isAnonymising(event);
  }

  private static String key(String userName) {
    return userName.toLowerCase(Locale.ROOT);
  }
}

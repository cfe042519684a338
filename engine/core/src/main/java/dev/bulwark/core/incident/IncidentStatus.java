package dev.bulwark.core.incident;

/** Where an incident stands. Only an OPEN incident takes new alerts of its rule and entity. */
public enum IncidentStatus {
  OPEN,
  CONTAINED,
  CLOSED,
  FALSE_POSITIVE
}

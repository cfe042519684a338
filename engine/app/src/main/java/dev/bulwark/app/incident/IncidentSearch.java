package dev.bulwark.app.incident;

import dev.bulwark.core.incident.IncidentStore;

/** Finds incidents matching a query, newest first. */
public interface IncidentSearch {

  IncidentStore.Page search(IncidentQuery query);
}

package dev.bulwark.rules.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.rules.reference.IdentityRecords.InvalidIdentitiesException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code PUT /api/v1/identities} accepts, and how it names what it refuses. */
class IdentityRecordsTest {

  @Test
  void aRecordIsReadWithFlatOrNestedNames() {
    List<Identity> identities =
        IdentityRecords.parse(
            """
            [{"user.name": "kpark", "user.email": "kpark@example.com", "declared_country": "us",
              "hire_date": "2026-10-01", "department": "Engineering",
              "manager_email": "lee@example.com", "privileged": true},
             {"user": {"name": "mchen", "email": "mchen@example.co.uk"}}]
            """);

    assertThat(identities)
        .containsExactly(
            new Identity(
                "kpark",
                "kpark@example.com",
                "US",
                LocalDate.parse("2026-10-01"),
                "Engineering",
                "lee@example.com",
                true),
            new Identity("mchen", "mchen@example.co.uk", null, null, null, null, false));
  }

  @Test
  void everyProblemIsNamedByRecordAndFieldAndNothingIsTaken() {
    InvalidIdentitiesException e =
        catchThrowableOfType(
            InvalidIdentitiesException.class,
            () ->
                IdentityRecords.parse(
                    """
                    [{"user.name": "ok", "user.email": "ok@example.com"},
                     {"user.name": "a", "declared_country": "USA", "hire_date": "soon"},
                     {"user.name": "b", "user.email": "b at example.com"},
                     {"user.name": "c", "manager_email": "the boss"},
                     {"user.name": "d", "privileged": "yes"},
                     {"user.name": "OK"},
                     {"department": "Sales"},
                     42]
                    """));

    assertThat(e.problems())
        .containsExactly(
            "$[1].declared_country must be an ISO 3166-1 alpha-2 code like \"US\", got \"USA\"",
            "$[1].hire_date must be an ISO date like 2026-01-31, got \"soon\"",
            "$[2].user.email must be an e-mail address like a@example.com, got \"b at"
                + " example.com\"",
            "$[3].manager_email must be an e-mail address like a@example.com, got \"the boss\"",
            "$[4].privileged must be true or false, got string",
            "$[5].user.name \"OK\" appears more than once",
            "$[6].user.name is required",
            "$[7] must be an object, got number");
  }
}

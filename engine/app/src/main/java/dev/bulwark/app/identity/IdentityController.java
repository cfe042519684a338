package dev.bulwark.app.identity;

import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.rules.reference.IdentityRecords;
import dev.bulwark.rules.reference.IdentityRecords.InvalidIdentitiesException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/v1/identities}: the whole workforce as a JSON array of identity records; a body
 * with any bad record is rejected whole, naming each record and field.
 */
@RestController
class IdentityController {

  private final IdentityDirectory directory;

  IdentityController(IdentityDirectory directory) {
    this.directory = directory;
  }

  @PutMapping(value = "/api/v1/identities", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> replace(@RequestBody(required = false) String body) {
    try {
      return Map.of(
          "identities", directory.replace(IdentityRecords.parse(body == null ? "" : body)));
    } catch (InvalidIdentitiesException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  @GetMapping("/api/v1/identities")
  List<Map<String, Object>> all() {
    return directory.all().stream().map(IdentityDirectory::document).toList();
  }
}

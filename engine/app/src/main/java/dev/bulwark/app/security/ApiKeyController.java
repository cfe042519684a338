package dev.bulwark.app.security;

import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.app.web.NotFoundException;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Intake keys for machines: issue, list (never the key itself), revoke. ADMIN only. */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

  private final ApiKeyStore keys;

  ApiKeyController(ApiKeyStore keys) {
    this.keys = keys;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ApiKeyStore.IssuedKey issue(@RequestBody IssueRequest request, Principal principal) {
    if (request == null
        || request.source() == null
        || !request.source().matches("[\\w.-]{1,200}")) {
      throw new BadRequestException(
          "source must name the sending system: 1-200 letters, digits, '.', '_' or '-'");
    }
    return keys.issue(request.source(), principal.getName());
  }

  @GetMapping
  List<ApiKeyStore.ApiKey> list() {
    return keys.list();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable String id, Principal principal) {
    if (!keys.revoke(id, principal.getName())) {
      throw new NotFoundException("no live API key " + id + " (unknown, or revoked already)");
    }
  }

  /** {@code {"source": "siem-eu"}}. */
  record IssueRequest(String source) {}
}

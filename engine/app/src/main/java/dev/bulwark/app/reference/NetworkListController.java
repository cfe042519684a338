package dev.bulwark.app.reference;

import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.app.web.NotFoundException;
import dev.bulwark.rules.reference.NetworkRecords;
import dev.bulwark.rules.reference.NetworkRecords.InvalidNetworksException;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/reference/networks/{anonymising|corporate}}: {@code PUT} replaces a list with a
 * JSON array of entries (rejected whole, naming each bad entry and field), {@code GET} shows the
 * list in force and whether it is the default, {@code DELETE} goes back to the default.
 */
@RestController
class NetworkListController {

  private static final String PATH = "/api/v1/reference/networks/{list}";

  private final NetworkLists lists;

  NetworkListController(NetworkLists lists) {
    this.lists = lists;
  }

  @GetMapping(PATH)
  Map<String, Object> show(@PathVariable("list") String list) {
    return lists.view(list(list)).document();
  }

  @PutMapping(value = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> replace(
      @PathVariable("list") String list,
      @RequestBody(required = false) String body,
      Principal caller) {
    NetworkList which = list(list);
    try {
      switch (which) {
        case ANONYMISING -> NetworkRecords.anonymising(body);
        case CORPORATE -> NetworkRecords.corporate(body);
      }
    } catch (InvalidNetworksException e) {
      throw new BadRequestException(which.key() + " networks: " + e.getMessage());
    }
    return lists.replace(which, body, caller.getName()).document();
  }

  @DeleteMapping(PATH)
  Map<String, Object> reset(@PathVariable("list") String list, Principal caller) {
    return lists.reset(list(list), caller.getName()).document();
  }

  private static NetworkList list(String key) {
    return NetworkList.byKey(key)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no network list \"" + key + "\"; the lists are anonymising and corporate"));
  }
}

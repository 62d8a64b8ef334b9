package dev.firstcome.backend.security;

import dev.firstcome.model.IssuedOperatorToken;
import dev.firstcome.model.OperatorTokenDraft;
import dev.firstcome.model.OperatorTokenView;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/tokens}: list, create (the secret is in the 201 answer only) and revoke (ADMIN). */
@RestController
@RequestMapping("/api/admin/tokens")
class OperatorTokenController {

    private final OperatorTokenApi tokens;

    OperatorTokenController(OperatorTokenApi tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    List<OperatorTokenView> list() {
        return tokens.list();
    }

    @PostMapping
    ResponseEntity<IssuedOperatorToken> create(@RequestBody(required = false) OperatorTokenDraft draft) {
        IssuedOperatorToken issued = tokens.create(draft);
        return ResponseEntity.created(
                        URI.create("/api/admin/tokens/" + issued.token().id()))
                .body(issued);
    }

    @DeleteMapping("/{id}")
    OperatorTokenView revoke(@PathVariable long id) {
        return tokens.revoke(id);
    }
}

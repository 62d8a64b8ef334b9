package dev.firstcome.backend.security;

import dev.firstcome.model.OperatorRole;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated operator: the token's id (0 for the bootstrap token), a name for audit records, a role. */
record OperatorPrincipal(long tokenId, String name, OperatorRole role) {

    /** {@code ROLE_<role>} for the role and every role it includes (ADMIN is also OPERATOR and VIEWER). */
    List<GrantedAuthority> authorities() {
        return Arrays.stream(OperatorRole.values())
                .filter(role::includes)
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
    }
}

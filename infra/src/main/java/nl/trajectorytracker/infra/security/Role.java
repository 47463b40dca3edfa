package nl.trajectorytracker.infra.security;

import java.util.Locale;
import java.util.Optional;

/** The one role an account holds; it decides which endpoints the account reaches. */
public enum Role {
    NEGOTIATOR,
    AUDITOR,
    RESEARCHER,
    ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Parses a role name leniently (any case, optional {@code ROLE_} prefix); empty when it names no role. */
    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}

package nl.trajectorytracker.infra.security.admin;

import java.util.List;

/** Body of {@code POST /api/admin/accounts}: a name, one role, and what binds that role. */
public record AccountRequest(String name, String role, String organisation, List<String> studies) {
}

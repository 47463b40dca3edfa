package nl.trajectorytracker.infra.security.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.infra.security.Account;
import nl.trajectorytracker.infra.security.AccountStore;
import nl.trajectorytracker.infra.security.Role;

/**
 * Administration of accounts and API tokens. Tokens are returned once, when issued; afterwards only their ids are
 * visible. Revoking is final; the last active administrator cannot be revoked.
 */
@RestController
@RequestMapping("/api/admin")
public class AccountAdminController {

    static final int MAX_STUDIES = 100;

    private final AccountStore accounts;

    public AccountAdminController(AccountStore accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/accounts")
    public ResponseEntity<CreatedAccountView> create(@RequestBody AccountRequest body) {
        String name = Require.text("name", body.name(), 100);
        Role role = Role.parse(Require.text("role", body.role(), 20))
                .orElseThrow(() -> new InvalidValueException("role",
                        "must be one of NEGOTIATOR, AUDITOR, RESEARCHER, ADMIN"));
        String organisation = Require.optionalText("organisation", body.organisation(), 200);
        if (role == Role.NEGOTIATOR && organisation == null) {
            throw new InvalidValueException("organisation", "is required for a negotiator");
        }
        if (role != Role.NEGOTIATOR && organisation != null) {
            throw new InvalidValueException("organisation", "belongs to negotiators only");
        }
        List<String> studies = new ArrayList<>();
        if (body.studies() != null) {
            if (role != Role.RESEARCHER && !body.studies().isEmpty()) {
                throw new InvalidValueException("studies", "belong to researchers only");
            }
            if (body.studies().size() > MAX_STUDIES) {
                throw new InvalidValueException("studies", "must have at most " + MAX_STUDIES + " entries");
            }
            for (int i = 0; i < body.studies().size(); i++) {
                studies.add(Require.text("studies[" + i + "]", body.studies().get(i), 100));
            }
        }
        Account account;
        try {
            account = accounts.create(name, role, organisation, studies);
        } catch (AccountStore.NameTaken e) {
            throw problem(HttpStatus.CONFLICT, "account-name-taken", e.getMessage());
        }
        AccountStore.IssuedToken issued = accounts.issueToken(account.id());
        return ResponseEntity.created(URI.create("/api/admin/accounts/" + account.id()))
                .body(new CreatedAccountView(AccountView.of(account, List.of(issued.stored())), view(issued)));
    }

    @GetMapping("/accounts")
    public List<AccountView> all() {
        return accounts.allAccounts().stream()
                .map(account -> AccountView.of(account, accounts.tokensOf(account.id())))
                .toList();
    }

    @GetMapping("/accounts/{id}")
    public AccountView one(@PathVariable String id) {
        Account account = existing(id);
        return AccountView.of(account, accounts.tokensOf(account.id()));
    }

    @PostMapping("/accounts/{id}/tokens")
    public ResponseEntity<IssuedTokenView> issueToken(@PathVariable String id) {
        Account account = existing(id);
        if (!account.active()) {
            throw problem(HttpStatus.CONFLICT, "account-revoked", "The account is revoked");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(view(accounts.issueToken(account.id())));
    }

    @PostMapping("/accounts/{id}/revoke")
    public ResponseEntity<Void> revokeAccount(@PathVariable String id) {
        Account account = existing(id);
        if (account.active() && account.role() == Role.ADMIN && accounts.activeAdministrators() <= 1) {
            throw problem(HttpStatus.CONFLICT, "last-administrator",
                    "The last active administrator cannot be revoked");
        }
        accounts.revokeAccount(id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/accounts/{id}")
    public ResponseEntity<Void> deleteAccount(@PathVariable String id) {
        return revokeAccount(id);
    }

    @PostMapping("/tokens/{tokenId}/revoke")
    public ResponseEntity<Void> revokeToken(@PathVariable String tokenId) {
        if (!accounts.revokeToken(tokenId)) {
            throw problem(HttpStatus.NOT_FOUND, "token-not-found", "No token with id " + tokenId);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/tokens/{tokenId}")
    public ResponseEntity<Void> deleteToken(@PathVariable String tokenId) {
        return revokeToken(tokenId);
    }

    private Account existing(String id) {
        return accounts.findAccount(id)
                .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "account-not-found", "No account with id " + id));
    }

    private static IssuedTokenView view(AccountStore.IssuedToken issued) {
        return new IssuedTokenView(issued.stored().id(), issued.stored().accountId(), issued.token(),
                issued.stored().createdAt());
    }

    private static ErrorResponseException problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:trajectory-tracker:error:" + code));
        problem.setProperty("code", code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        return new ErrorResponseException(status, problem, null);
    }
}

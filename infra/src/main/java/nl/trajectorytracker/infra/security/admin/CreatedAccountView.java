package nl.trajectorytracker.infra.security.admin;

/** Answer to a created account: the account and its first token, shown this once. */
public record CreatedAccountView(AccountView account, IssuedTokenView token) {
}

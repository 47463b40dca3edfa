package nl.trajectorytracker.command.trajectory;

import java.util.List;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Signatory;

/**
 * An agreement is signed once, by someone of every party and by nobody else; later changes are amendments, which
 * need a signed agreement.
 */
final class AgreementPolicy {

    private AgreementPolicy() {
    }

    static void requireSignable(boolean alreadySigned, List<Signatory> signatories, List<Party> parties) {
        if (alreadySigned) {
            throw new DomainException(ErrorCode.AGREEMENT_ALREADY_SIGNED,
                    "The agreement is signed already; record changes as contract amendments");
        }
        for (Signatory signatory : signatories) {
            if (!PartyAccessPolicy.isParty(signatory.organisation(), parties)) {
                throw new InvalidValueException("signatories",
                        signatory.organisation() + " is not a party of this trajectory");
            }
        }
        for (Party party : parties) {
            if (signatories.stream().noneMatch(s -> s.organisation().equals(party.organisationName()))) {
                throw new InvalidValueException("signatories", "nobody signed for " + party.organisationName());
            }
        }
    }

    static void requireSigned(boolean signed) {
        if (!signed) {
            throw new DomainException(ErrorCode.NO_SIGNED_AGREEMENT, "There is no signed agreement to amend");
        }
    }
}

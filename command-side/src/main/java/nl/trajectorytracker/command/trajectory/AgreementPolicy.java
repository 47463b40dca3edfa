package nl.trajectorytracker.command.trajectory;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Signatory;

/**
 * An agreement is signed once, by someone of every party and by nobody else; later changes are amendments, which
 * need a signed agreement. The term's duration in months is the span of its dates, the end date included: a month
 * begun counts as a whole one or not at all, so 2026-01-01 to 2030-12-31 is 60 months and 2026-01-15 to 2031-01-31
 * 60 or 61.
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

    static void requireTermFitsDates(int durationMonths, LocalDate startDate, LocalDate endDate) {
        LocalDate dayAfterEnd = endDate.plusDays(1);
        long wholeMonths = ChronoUnit.MONTHS.between(startDate, dayAfterEnd);
        boolean monthBegun = startDate.plusMonths(wholeMonths).isBefore(dayAfterEnd);
        if (durationMonths == wholeMonths || monthBegun && durationMonths == wholeMonths + 1) {
            return;
        }
        throw new InvalidValueException("terms.durationMonths", "is " + durationMonths + " months, but the term from "
                + startDate + " to " + endDate + " spans " + (monthBegun ? wholeMonths + " or " + (wholeMonths + 1)
                        : wholeMonths) + " months");
    }

    static void requireSigned(boolean signed) {
        if (!signed) {
            throw new DomainException(ErrorCode.NO_SIGNED_AGREEMENT, "There is no signed agreement to amend");
        }
    }
}

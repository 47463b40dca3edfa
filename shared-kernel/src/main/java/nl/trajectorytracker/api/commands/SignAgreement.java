package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): sign agreement. */
public record SignAgreement(
        TrajectoryId trajectoryId,
        Terms terms,
        List<Signatory> signatories,
        LocalDate startDate,
        LocalDate endDate,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public SignAgreement {
        Require.present("trajectoryId", trajectoryId);
        Require.present("terms", terms);
        signatories = Require.nonEmpty("signatories", signatories, 50);
        Require.present("startDate", startDate);
        Require.present("endDate", endDate);
        if (!endDate.isAfter(startDate)) {
            throw new InvalidValueException("endDate", "must be after the start date");
        }
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public SignAgreement(TrajectoryId trajectoryId,
            Terms terms,
            List<Signatory> signatories,
            LocalDate startDate,
            LocalDate endDate,
            Actor actor,
            Instant at) {
        this(trajectoryId, terms, signatories, startDate, endDate, actor, at, null);
    }
}

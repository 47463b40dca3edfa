package nl.trajectorytracker.command.rest;

/**
 * The body of a request that records a step: besides the step's own fields, optionally when it happened, for
 * history logged later than it took place. Absent, the step happened when the request arrived.
 */
public interface StepRequest {

    /**
     * When the step happened: a date ({@code 2020-11-30}, the start of that day in UTC) or an ISO-8601 timestamp
     * with its offset ({@code 2020-11-30T14:00:00+01:00}); {@code null} for now.
     */
    String occurredAt();
}

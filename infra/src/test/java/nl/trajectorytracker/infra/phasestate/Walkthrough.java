package nl.trajectorytracker.infra.phasestate;

import java.util.List;

/**
 * The request bodies of {@code TrajectoryWalkthroughEndToEndTest}, in order: the insurer Zilveren Kruis and the
 * hospital Ziekenhuis Amstelland from a one-year volume contract to a five-year shared-savings agreement, through all
 * five phases to the conclusion and a note after it. Also walked through the served OpenAPI document's validator
 * ({@code infra.openapi.ApiContractTest}).
 */
public final class Walkthrough {

    /** One step: the path below {@code /api/trajectories/{id}/} and its JSON body. */
    public record Step(String path, String json) {
    }

    public static final List<Step> STEPS = List.of(
            new Step("strategic-goals", """
                {"goalId": "G1",
                 "goal": "Move from yearly volume deals to a multi-year agreement on value for patients",
                 "challenge": "Waiting lists for orthopaedics grow while premiums must stay affordable"}
                """),
            new Step("strategic-goal-revisions", """
                {"goalId": "G1",
                 "goal": "A five-year regional agreement on appropriate orthopaedic care",
                 "why": "The board asked for a horizon that matches the IZA"}
                """),
            new Step("internal-interests", """
                {"interest": "Predictable costs for the orthopaedic purchasing budget",
                 "heldBy": "Finance department"}
                """),
            new Step("relevant-developments", """
                {"development": "The IZA asks for appropriate care and regional cooperation",
                 "impact": "Supports a multi-year regional agreement"}
                """),
            new Step("stakeholders", """
                {"stakeholderId": "S1",
                 "name": "Regional patient federation",
                 "scope": "EXTERNAL",
                 "role": "Represents the patients on the waiting lists",
                 "interests": ["Shorter waiting times", "Care close to home"],
                 "influence": "MEDIUM"}
                """),
            new Step("stakeholder-updates", """
                {"stakeholderId": "S1",
                 "name": "Regional patient federation",
                 "scope": "EXTERNAL",
                 "role": "Co-designs the patient outcome indicators",
                 "interests": ["Shorter waiting times", "Shared decision making"],
                 "influence": "HIGH"}
                """),
            new Step("previous-agreement-assessments", """
                {"agreement": "One-year volume contract 2020 for hospital care",
                 "servesOurGoals": false,
                 "why": "Yearly price and volume haggling leaves no room for prevention or substitution",
                 "contractingQuestion": true}
                """),
            new Step("batna", """
                {"batna": "Contract the orthopaedic volume with two other hospitals in the region",
                 "why": "Both have capacity and comparable outcomes"}
                """),
            new Step("batna-revisions", """
                {"batna": "A one-year volume contract at last year's prices",
                 "why": "One of the alternative hospitals no longer has capacity"}
                """),
            new Step("planning", """
                {"milestones": [{"name": "Internal mandate", "due": "2020-03-01"},
                    {"name": "Agreement signed", "due": "2020-11-30"}]}
                """),
            new Step("partner-assessments", """
                {"party": "Ziekenhuis Amstelland",
                 "position": "Wants financial certainty for investing in day care",
                 "interests": ["Multi-year certainty", "Room to substitute care to the GP"]}
                """),
            new Step("team-members", """
                {"name": "Anna de Vries",
                 "role": "Lead negotiator",
                 "knowledgeAndSkills": ["Hospital care purchasing", "Interest-based negotiation"]}
                """),
            new Step("support-base-actions", """
                {"action": "Presented the five-year ambition to the board",
                 "audience": "Board of directors"}
                """),
            new Step("decisions", """
                {"decisionId": "DEC-1",
                 "decision": "We aim for a five-year shared-savings agreement",
                 "rationale": "A one-year contract leaves no room to earn back investments in prevention",
                 "alternativesConsidered": ["Another one-year volume contract", "Bundled payment for hip replacements"],
                 "evidence": ["Vektis declaration data 2021-2025"],
                 "guidingQuestionId": "P1.PREVIOUS_AGREEMENTS_SERVE_GOALS",
                 "agreedBy": ["Zilveren Kruis"]}
                """),
            new Step("pitfalls", """
                {"aboutPhase": "INTERNAL_PREPARATION",
                 "pitfall": "Underestimating how long internal alignment on the BATNA takes",
                 "tag": "planning"}
                """),
            new Step("phase-advances", "{\"to\": \"CO_DESIGN\"}"),
            new Step("joint-ambitions", """
                {"ambition": "The best orthopaedic care in the region at a sustainable cost",
                 "horizonYears": 5}
                """),
            new Step("counterparty-goals", """
                {"party": "Ziekenhuis Amstelland",
                 "goals": ["Invest in a day-care centre", "Reduce staff turnover"]}
                """),
            new Step("relationship-aims", """
                {"aim": "Partners who solve problems together instead of fighting over price"}
                """),
            new Step("relationship-assessments", """
                {"assessment": "Correct but transactional; little trust in each other's figures",
                 "trustPresent": false}
                """),
            new Step("trust-assessments", """
                {"counterpart": "Ziekenhuis Amstelland",
                 "personTrust": 4,
                 "organisationTrust": 2,
                 "note": "I trust my counterpart; her board still thinks in yearly budgets"}
                """),
            new Step("goals", """
                {"goalId": "Q1",
                 "goal": "Waiting time for a hip replacement below the Treeknorm",
                 "dimension": "QUALITY_OF_CARE",
                 "kind": "SMART",
                 "contextSource": {"kind": "NATIONAL_AGREEMENT", "name": "IZA: appropriate care"}}
                """),
            new Step("shared-interests", """
                {"party": "Ziekenhuis Amstelland",
                 "interest": "Keep the orthopaedic team complete"}
                """),
            new Step("societal-values", """
                {"value": "Fewer sick days of patients waiting for surgery",
                 "landsWithNegotiatingParties": false}
                """),
            new Step("win-win-win-options", """
                {"option": "Substitute follow-up visits to the GP",
                 "benefits": ["Patient: care close to home",
                    "Hospital: capacity for surgery",
                    "Insurer: lower cost"]}
                """),
            new Step("loss-sharing-principles", """
                {"principle": "Losses are shared in the same ratio as savings, up to a cap"}
                """),
            new Step("joint-facts", """
                {"fact": "In 2019 the hospital performed 1,180 hip replacements",
                 "dataSource": "Vektis declaration data 2019",
                 "acceptedBy": ["Zilveren Kruis", "Ziekenhuis Amstelland"]}
                """),
            new Step("process-agreements", """
                {"rulesOfConduct": ["No surprises: figures are shared before meetings",
                    "We speak about interests, not positions"],
                 "escalationLevels": ["Negotiators", "Directors of purchasing and finance", "Boards"],
                 "goNoGoMoments": [{"name": "End of co-design", "due": "2020-06-30"}]}
                """),
            new Step("legal-obstacles", """
                {"obstacleId": "L1",
                 "obstacle": "Competition law limits sharing price information with other insurers"}
                """),
            new Step("legal-obstacle-resolutions", """
                {"obstacleId": "L1",
                 "resolution": "Only aggregated data is shared, through an independent party"}
                """),
            new Step("network-parties", """
                {"name": "Gemeente Amstelveen",
                 "kind": "MUNICIPALITY",
                 "need": "Home support after day surgery"}
                """),
            new Step("decisions", """
                {"decisionId": "DEC-2",
                 "decision": "Savings are measured against the 2019 Vektis baseline",
                 "rationale": "Both parties accept this data; no fact war about volumes",
                 "alternativesConsidered": ["Hospital production figures", "Insurer claims data only"],
                 "evidence": ["Vektis declaration data 2019"],
                 "guidingQuestionId": "P2.SHARED_DATA",
                 "agreedBy": ["Zilveren Kruis", "Ziekenhuis Amstelland"]}
                """),
            new Step("go-no-go-decisions", """
                {"moment": "End of co-design",
                 "decision": "GO",
                 "why": "The joint facts support a shared-savings model"}
                """),
            new Step("phase-advances", "{\"to\": \"NEGOTIATION\"}"),
            new Step("proposals", """
                {"proposalId": "P1",
                 "by": "Zilveren Kruis",
                 "terms": {"model": "FEE_FOR_SERVICE",
                    "durationMonths": 12,
                    "gainSharing": null,
                    "lossSharing": null,
                    "description": "Another one-year volume contract with a production ceiling"}}
                """),
            new Step("proposal-counters", """
                {"proposalId": "P1",
                 "counterProposalId": "P2",
                 "by": "Ziekenhuis Amstelland",
                 "terms": {"model": "SHARED_SAVINGS",
                    "durationMonths": 60,
                    "gainSharing": {"careProviderPercent": 50,
                                     "description": "Savings against the 2020 baseline are shared 50/50"},
                    "lossSharing": {"careProviderPercent": 50, "capEur": 2000000,
                                     "description": "Losses are shared 50/50, capped at EUR 2 million"},
                    "description": "Five-year shared-savings agreement for orthopaedic care"},
                 "why": "Five years are needed to earn back the investment in day care"}
                """),
            new Step("deadlocks", """
                {"deadlockId": "D1",
                 "issue": "The cap on shared losses",
                 "escalationLevel": "Directors of purchasing and finance"}
                """),
            new Step("deadlock-resolutions", """
                {"deadlockId": "D1",
                 "resolution": "Losses are capped at two percent of the budget"}
                """),
            new Step("proposal-acceptances", """
                {"proposalId": "P2",
                 "by": "Zilveren Kruis"}
                """),
            new Step("monitoring-indicators", """
                {"indicatorId": "I1",
                 "name": "Waiting time for a hip replacement in weeks",
                 "kind": "SMART",
                 "target": "At most 5 weeks by the end of 2027",
                 "owner": "Hospital quality department",
                 "dimension": "QUALITY_OF_CARE"}
                """),
            new Step("evaluation-moments", """
                {"date": "2023-06-30",
                 "purpose": "Interim evaluation of savings and waiting times"}
                """),
            new Step("standard-agreement-deviations", """
                {"clause": "Article 4: yearly production ceiling",
                 "deviation": "Replaced by a five-year budget with shared savings",
                 "why": "A yearly ceiling rewards volume, not value"}
                """),
            new Step("incentive-changes", """
                {"currentIncentive": "Every extra follow-up visit is paid",
                 "change": "Follow-up visits substituted to the GP share in the savings",
                 "why": "Money should follow appropriate care"}
                """),
            new Step("decisions", """
                {"decisionId": "DEC-3",
                 "decision": "A five-year shared-savings agreement instead of a one-year volume contract",
                 "rationale": "Five years are needed to earn back the day-care investment and to see health gains",
                 "alternativesConsidered": ["One-year volume contract", "Three-year bundled payment"],
                 "evidence": ["Vektis declaration data 2019", "Business case day-care centre"],
                 "guidingQuestionId": "P3.DURATION",
                 "agreedBy": ["Zilveren Kruis", "Ziekenhuis Amstelland"]}
                """),
            new Step("agreement", """
                {"terms": {"model": "SHARED_SAVINGS",
                    "durationMonths": 60,
                    "gainSharing": {"careProviderPercent": 50,
                                     "description": "Savings against the 2020 baseline are shared 50/50"},
                    "lossSharing": {"careProviderPercent": 50, "capEur": 2000000,
                                     "description": "Losses are shared 50/50, capped at EUR 2 million"},
                    "description": "Five-year shared-savings agreement for orthopaedic care"},
                 "signatories": [
                     {"name": "Anna de Vries", "organisation": "Zilveren Kruis", "role": "Director of purchasing"},
                     {"name": "Pieter Jansen", "organisation": "Ziekenhuis Amstelland", "role": "Chair of the board"}],
                 "startDate": "2021-01-01",
                 "endDate": "2025-12-31"}
                """),
            new Step("phase-advances", "{\"to\": \"RUNNING_AGREEMENT\"}"),
            new Step("indicator-measurements", """
                {"indicatorId": "I1",
                 "value": "6 weeks",
                 "measuredOn": "2021-12-31",
                 "note": "Down from 11 weeks"}
                """),
            new Step("relationship-check-ins", """
                {"participants": ["Anna de Vries", "Pieter Jansen"],
                 "summary": "Quarterly coffee: both feel heard, the data exchange must speed up"}
                """),
            new Step("stakeholder-communications", """
                {"audience": "Regional patient federation",
                 "summary": "Waiting times are falling; day care opened in March"}
                """),
            new Step("success-and-lesson-communications", """
                {"kind": "SUCCESS",
                 "message": "Waiting time for a hip replacement halved in one year",
                 "channel": "Joint press release"}
                """),
            new Step("contract-amendments", """
                {"what": "Knee replacements added to the shared-savings scope",
                 "why": "The approach works for hips and the teams asked for it"}
                """),
            new Step("interim-evaluations", """
                {"findings": "Savings on track, staff satisfaction improved",
                 "adjustmentNeeded": false}
                """),
            new Step("trust-assessments", """
                {"counterpart": "Ziekenhuis Amstelland",
                 "personTrust": 5,
                 "organisationTrust": 4,
                 "note": "Three years in, the organisation keeps its word too"}
                """),
            new Step("phase-advances", "{\"to\": \"AFTER_AGREEMENT\"}"),
            new Step("final-evaluations", """
                {"form": "Joint reflection session with an external facilitator",
                 "outcomes": ["Waiting time 4 weeks", "Savings of 3.1 million euro shared 50/50"],
                 "lessons": ["Agree on the data source before the first proposal"]}
                """),
            new Step("success-factors", """
                {"aboutPhase": "CO_DESIGN",
                 "successFactor": "Joint fact finding before the first proposal ended the fact wars",
                 "tag": "joint-fact-finding"}
                """),
            new Step("conclusion", """
                {"outcome": "AGREEMENT_FULFILLED",
                 "why": "Five years delivered: waiting time from 11 to 4 weeks, savings shared 50/50"}
                """),
            new Step("notes", """
                {"text": "Notes and evaluations stay possible after the conclusion"}
                """));

    private Walkthrough() {
    }
}

-- medcheck seed 80: morphine milligram equivalents.
-- Source: clinical-reference.md 6.1 (CDC 2022 conversion factors, oral, per mg/day of the labelled
-- strength) and 6.2 (thresholds); check-contract.md policy decision 7.
-- Only the opioids seeded in 10_drugs.sql; tapentadol, oxymorphone, methadone, fentanyl and
-- buprenorphine come with their drugs.

INSERT INTO mme_factor (ingredient, factor, basis, note, source, evidence) VALUES
    ('codeine', 0.15, 'daily_mg', 'CDC 2016 value also 0.15', 'CDC 2022 MME conversion factor table [CDC22]', 'label'),
    ('hydrocodone', 1.0, 'daily_mg', 'CDC 2016 value also 1', 'CDC 2022 MME conversion factor table [CDC22]', 'label'),
    ('hydromorphone', 5.0, 'daily_mg', 'CDC 2016 value was 4', 'CDC 2022 MME conversion factor table [CDC22]', 'label'),
    ('morphine', 1.0, 'daily_mg', 'reference opioid', 'CDC 2022 MME conversion factor table [CDC22]', 'label'),
    ('oxycodone', 1.5, 'daily_mg', 'CDC 2016 value also 1.5', 'CDC 2022 MME conversion factor table [CDC22]', 'label'),
    ('tramadol', 0.2, 'daily_mg', 'CDC 2016 value was 0.1', 'CDC 2022 MME conversion factor table [CDC22]', 'label');

-- Thresholds: >= 50 warning (CDC 2022 reassessment point), >= 90 violation (kept by policy from CDC 2016).
INSERT INTO mme_threshold (id, min_mme, severity, message, source, evidence) VALUES
    ('mme.ge50', 50, 'warning',
     'Opioid total 50 MME/day or more: reassess benefit and risk before increasing; offer naloxone',
     'CDC 2022 [CDC22]; warning per check contract policy decision 7 [contract]', 'contract'),
    ('mme.ge90', 90, 'violation',
     'Opioid total 90 MME/day or more: avoid or carefully justify (medcheck policy threshold from CDC 2016; CDC 2022 dropped the explicit ceiling)',
     'CDC 2016 [CDC16]; CDC 2022 [CDC22]; violation per check contract policy decision 7 [contract][POLICY]', 'contract');

-- Clinical breadth (issue 3): the remaining opioids of 6.1. Fentanyl: 2.4 per mcg/h of patch rate
-- (basis rate_mcg_h; the q72h frequency does not multiply it) - not the 7.2-per-patch days-supply
-- factor some calculators use. Buprenorphine: no CDC 2022 factor -> factor NULL, not summed; the
-- engine reports it (contract decision 7). Methadone: the single CDC 2022 factor 4.7.
INSERT INTO mme_factor (ingredient, factor, basis, note, source, evidence) VALUES
    ('tapentadol', 0.4, 'daily_mg', 'CDC 2016 value also 0.4', 'CDC 2022 MME conversion factor table [CDC22]', 'label'),
    ('oxymorphone', 3.0, 'daily_mg', 'CDC 2016 value also 3', 'CDC 2022 MME conversion factor table [CDC22]', 'label'),
    ('methadone', 4.7, 'daily_mg', 'CDC 2016 used tiers (1-20 mg/day 4; 21-40 8; 41-60 10; 61-80 12); CDC 2022 uses one factor; long, variable half-life: MME is a risk estimate, not a conversion', 'CDC 2022 MME conversion factor table [CDC22]; CDC 2016 tiers for reference [CDC16]', 'label'),
    ('fentanyl', 2.4, 'rate_mcg_h', 'per mcg/h of patch rate (CDC 2016 value also 2.4); not the 7.2 per-patch days-supply factor', 'CDC 2022 MME conversion factor table: fentanyl transdermal 2.4 per mcg/h [CDC22]', 'label'),
    ('buprenorphine', NULL, 'daily_mg', 'not summed: CDC 2022 gives no MME factor for buprenorphine (partial agonist); still an opioid for every other rule', 'CDC 2022 [CDC22] (wording UNVERIFIED); excluded from the MME sum [POLICY], check contract policy decision 7 [contract]', 'contract');

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

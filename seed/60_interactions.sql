-- medcheck seed 60: drug-drug interactions, duplicate therapy and group counts.
-- Source: clinical-reference.md 5.1-5.5, 4.3, 4.6, 8; check-contract.md severity policy.
-- Only pairs with at least one back-pain drug of issue 2 are seeded; partner-only pairs
-- (MAOI + SSRI, anticoagulant + SSRI, ...) are left for later. "MAOI within 14 days" is read as
-- "any listed MAOI" (5: no stop dates in v1).
-- Ids: <a>.<b> (interaction) and <group>.duplicate (duplicate_therapy).

-- NSAIDs (5.2) -------------------------------------------------------------------------------
INSERT INTO interaction_rule (id, a_type, a, b_type, b, kind, severity, message, source, evidence) VALUES
    ('nsaid.duplicate', 'group', 'nsaid', 'group', 'nsaid', 'duplicate_therapy', 'violation',
     'Two different NSAIDs together: more GI, renal and CV harm with no added benefit; use one NSAID',
     'NSAID class labelling [LBL-NSAID]; duplicate NSAIDs = violation per check contract severity policy [contract]', 'label'),
    ('ketorolac.nsaid', 'ingredient', 'ketorolac', 'group', 'nsaid', 'interaction', 'contraindicated',
     'Ketorolac with another NSAID: contraindicated (ketorolac label: aspirin or other NSAIDs)',
     'Ketorolac tromethamine tablets PI, contraindications: concurrent aspirin or NSAIDs [LBL-KETO]', 'label'),
    ('nsaid.anticoagulant', 'group', 'nsaid', 'group', 'anticoagulant', 'interaction', 'warning',
     'NSAID with an oral anticoagulant: major bleeding risk; Beers: avoid scheduled NSAID with an anticoagulant unless alternatives fail and gastroprotection is used',
     'NSAID class labelling [LBL-NSAID]; AGS Beers 2023 [BEERS23]; warning per check contract severity policy [contract]', 'label'),
    ('nsaid.antiplatelet', 'group', 'nsaid', 'group', 'antiplatelet', 'interaction', 'warning',
     'NSAID with an antiplatelet agent: bleeding risk',
     'NSAID class labelling [LBL-NSAID]; warning per check contract severity policy [contract]', 'label'),
    ('nsaid.ssri', 'group', 'nsaid', 'group', 'ssri', 'interaction', 'warning',
     'NSAID with an SSRI: platelet serotonin depletion adds to GI-bleeding risk',
     'NSAID class labelling [LBL-NSAID]; warning per check contract severity policy [contract]', 'label'),
    ('nsaid.corticosteroid', 'group', 'nsaid', 'group', 'corticosteroid', 'interaction', 'warning',
     'NSAID with a systemic corticosteroid: peptic ulcer and GI-bleeding risk',
     'NSAID class labelling [LBL-NSAID]; AGS Beers 2023 [BEERS23]; warning per check contract severity policy [contract]', 'label');

-- Cyclobenzaprine (4.3, 5.3, 5.4) ------------------------------------------------------------
INSERT INTO interaction_rule (id, a_type, a, b_type, b, kind, severity, message, source, evidence) VALUES
    ('cyclobenzaprine.maoi', 'ingredient', 'cyclobenzaprine', 'group', 'maoi', 'interaction', 'contraindicated',
     'Cyclobenzaprine with an MAOI (now or within 14 days): contraindicated (hyperpyretic crisis, seizures)',
     'Cyclobenzaprine HCl PI, contraindications [LBL-CBZ]; check contract severity policy [contract]', 'label'),
    ('cyclobenzaprine.ssri', 'ingredient', 'cyclobenzaprine', 'group', 'ssri', 'interaction', 'warning',
     'Cyclobenzaprine with an SSRI: serotonin syndrome risk',
     'Cyclobenzaprine HCl PI, serotonin syndrome [LBL-CBZ]', 'label'),
    ('cyclobenzaprine.fluvoxamine', 'ingredient', 'cyclobenzaprine', 'ingredient', 'fluvoxamine', 'interaction', 'warning',
     'Cyclobenzaprine with fluvoxamine: CYP1A2 inhibition raises cyclobenzaprine levels (UNVERIFIED)',
     'Cyclobenzaprine HCl PI [LBL-CBZ] (reference 5.4: UNVERIFIED)', 'unverified');

-- Opioids (4.6, 5.1, 5.3, 5.4, 5.5) --------------------------------------------------------------
-- tramadol + MAOI is a labelled contraindication; other opioids + MAOI: "use not recommended"
-- -> violation (one row per opioid so tramadol does not get both).
INSERT INTO interaction_rule (id, a_type, a, b_type, b, kind, severity, message, source, evidence) VALUES
    ('opioid.benzodiazepine', 'group', 'opioid', 'group', 'benzodiazepine', 'interaction', 'violation',
     'Opioid with a benzodiazepine: profound sedation, respiratory depression, coma and death (boxed warning); avoid co-prescribing',
     'Opioid and benzodiazepine class labelling, boxed warnings [LBL-OPI][LBL-BZD]; CDC 2022 [CDC22]; AGS Beers 2023 [BEERS23]', 'label'),
    ('opioid.muscle_relaxant', 'group', 'opioid', 'group', 'muscle_relaxant', 'interaction', 'warning',
     'Opioid with a skeletal muscle relaxant: additive CNS depression (warning by medcheck policy)',
     'Opioid class labelling: other CNS depressants [LBL-OPI]; warning [POLICY]', 'policy'),
    ('opioid.duplicate', 'group', 'opioid', 'group', 'opioid', 'duplicate_therapy', 'warning',
     'Two different opioids together: MME is summed (warning by medcheck policy)',
     'CDC 2022 [CDC22]; warning [POLICY]', 'policy'),
    ('tramadol.maoi', 'ingredient', 'tramadol', 'group', 'maoi', 'interaction', 'contraindicated',
     'Tramadol with an MAOI (now or within 14 days): contraindicated (serotonin syndrome)',
     'Tramadol PI, contraindications [LBL-TRM]', 'label'),
    ('codeine.maoi', 'ingredient', 'codeine', 'group', 'maoi', 'interaction', 'violation',
     'Codeine with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('hydrocodone.maoi', 'ingredient', 'hydrocodone', 'group', 'maoi', 'interaction', 'violation',
     'Hydrocodone with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('oxycodone.maoi', 'ingredient', 'oxycodone', 'group', 'maoi', 'interaction', 'violation',
     'Oxycodone with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('morphine.maoi', 'ingredient', 'morphine', 'group', 'maoi', 'interaction', 'violation',
     'Morphine with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('hydromorphone.maoi', 'ingredient', 'hydromorphone', 'group', 'maoi', 'interaction', 'violation',
     'Hydromorphone with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('tramadol.ssri', 'ingredient', 'tramadol', 'group', 'ssri', 'interaction', 'warning',
     'Tramadol with an SSRI: serotonin syndrome and seizure risk',
     'Tramadol PI [LBL-TRM]', 'label'),
    ('tramadol.fluoxetine', 'ingredient', 'tramadol', 'ingredient', 'fluoxetine', 'interaction', 'warning',
     'Tramadol with fluoxetine (strong CYP2D6 inhibitor): more parent tramadol (serotonin syndrome, seizures) and less analgesia from its active metabolite',
     'Tramadol PI [LBL-TRM]', 'label'),
    ('tramadol.cyclobenzaprine', 'ingredient', 'tramadol', 'ingredient', 'cyclobenzaprine', 'interaction', 'warning',
     'Tramadol with cyclobenzaprine: serotonin syndrome risk and a lowered seizure threshold',
     'Tramadol PI [LBL-TRM]; cyclobenzaprine HCl PI [LBL-CBZ]', 'label'),
    ('tramadol.warfarin', 'ingredient', 'tramadol', 'ingredient', 'warfarin', 'interaction', 'warning',
     'Tramadol with warfarin: INR elevation reported; monitor INR (UNVERIFIED)',
     'Tramadol PI [LBL-TRM] (reference 5.2: UNVERIFIED)', 'unverified'),
    ('codeine.fluoxetine', 'ingredient', 'codeine', 'ingredient', 'fluoxetine', 'interaction', 'info',
     'Codeine with fluoxetine (strong CYP2D6 inhibitor): reduced conversion to the active metabolite; watch efficacy, and toxicity when fluoxetine stops (UNVERIFIED)',
     'Codeine PI [LBL-COD] (reference 5.3: UNVERIFIED)', 'unverified'),
    ('hydrocodone.fluoxetine', 'ingredient', 'hydrocodone', 'ingredient', 'fluoxetine', 'interaction', 'info',
     'Hydrocodone with fluoxetine (strong CYP2D6 inhibitor): altered conversion to the active metabolite; watch efficacy and toxicity (UNVERIFIED)',
     'Hydrocodone PIs [LBL-HC] (reference 5.3: UNVERIFIED)', 'unverified');

-- Benzodiazepines (5.1, 5.4, 5.5) ------------------------------------------------------------------
INSERT INTO interaction_rule (id, a_type, a, b_type, b, kind, severity, message, source, evidence) VALUES
    ('benzodiazepine.muscle_relaxant', 'group', 'benzodiazepine', 'group', 'muscle_relaxant', 'interaction', 'warning',
     'Benzodiazepine with a skeletal muscle relaxant: additive sedation and falls (warning by medcheck policy)',
     'Benzodiazepine class labelling [LBL-BZD]; warning [POLICY]', 'policy'),
    ('benzodiazepine.duplicate', 'group', 'benzodiazepine', 'group', 'benzodiazepine', 'duplicate_therapy', 'warning',
     'Two different benzodiazepines together (warning by medcheck policy)',
     'Duplicate benzodiazepines [POLICY]', 'policy'),
    ('alprazolam.fluvoxamine', 'ingredient', 'alprazolam', 'ingredient', 'fluvoxamine', 'interaction', 'warning',
     'Alprazolam with fluvoxamine: fluvoxamine label advises halving the alprazolam dose (UNVERIFIED)',
     'Fluvoxamine PI [LBL-SSRI] (reference 5.4: UNVERIFIED)', 'unverified'),
    ('diazepam.fluvoxamine', 'ingredient', 'diazepam', 'ingredient', 'fluvoxamine', 'interaction', 'warning',
     'Diazepam with fluvoxamine: co-administration generally not advisable per the fluvoxamine label (UNVERIFIED)',
     'Fluvoxamine PI [LBL-SSRI] (reference 5.4: UNVERIFIED)', 'unverified');

-- Group counts: Beers >= 3 CNS-active drugs at age >= 65 (5.1, 8) -----------------------------------
INSERT INTO group_count_rule (id, grp, min_count, age_min, kind, severity, message, source, evidence) VALUES
    ('beers.cns_active.3', 'cns_active', 3, 65, 'beers', 'warning',
     'Three or more CNS-active drugs (opioids, benzodiazepines, skeletal muscle relaxants, antidepressants, gabapentinoids) in a patient aged 65 or older: Beers: avoid; minimise the number (falls, fractures)',
     'AGS Beers 2023: >= 3 CNS-active drugs [BEERS23]', 'label');

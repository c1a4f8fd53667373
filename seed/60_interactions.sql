-- medcheck seed 60: drug-drug interactions, duplicate therapy and group counts.
-- Source: clinical-reference.md 5.1-5.5, 4.3, 4.6, 8; check-contract.md severity policy.
-- Only pairs with at least one back-pain drug of issue 2 are seeded; partner-only pairs
-- (MAOI + SSRI, anticoagulant + SSRI, ...) are left for later. "MAOI within 14 days" is read as
-- "any listed MAOI" (5: no stop dates in v1).
-- Ids: <a>.<b> (interaction) and <group>.duplicate (duplicate_therapy).

-- NSAIDs (5.2) -------------------------------------------------------------------------------
-- nsaid.duplicate is between non-aspirin NSAIDs (issue 3); NSAID + aspirin is nsaid.aspirin below.
-- The bleeding partners (anticoagulant, antiplatelet, SSRI, corticosteroid) stay on nsaid: aspirin at any dose.
INSERT INTO interaction_rule (id, a_type, a, b_type, b, kind, severity, message, source, evidence) VALUES
    ('nsaid.duplicate', 'group', 'nsaid_nonaspirin', 'group', 'nsaid_nonaspirin', 'duplicate_therapy', 'violation',
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

-- ============================================================================================
-- Clinical breadth (issue 3): the rest of 5.1-5.5, partner-only pairs included. Severities per
-- the reference rows; a row whose source is UNVERIFIED is at most a warning.
-- ============================================================================================

-- NSAIDs (5.2) ---------------------------------------------------------------------------------
-- nsaid.aspirin: a non-aspirin NSAID with aspirin. 5.2 says: with aspirin <= 325 mg/day (antiplatelet)
-- a warning, not a duplicate [POLICY]; with analgesic-dose aspirin a duplicate NSAID (violation).
-- nsaid.aspirin caps the aspirin side at 325 mg/day (b_max_daily_mg); nsaid.aspirin.analgesic takes
-- aspirin above 325 mg/day (b_above_daily_mg) as a duplicate NSAID (violation, contract policy).
-- ACE inhibitor / loop diuretic rows are NSAID class labelling: non-aspirin NSAIDs.
INSERT INTO interaction_rule (id, a_type, a, b_type, b, c_type, c, kind, severity, message, source, evidence) VALUES
    ('nsaid.aspirin', 'group', 'nsaid_nonaspirin', 'ingredient', 'aspirin', NULL, NULL, 'interaction', 'warning',
     'NSAID with antiplatelet-dose aspirin (325 mg/day or less): GI-bleeding risk; ibuprofen/naproxen may blunt the antiplatelet effect of low-dose aspirin (take aspirin first)',
     'NSAID class labelling [LBL-NSAID] (reference 5.2: UNVERIFIED); antiplatelet-dose aspirin not a duplicate [POLICY]', 'unverified'),
    ('nsaid.snri', 'group', 'nsaid', 'group', 'snri', NULL, NULL, 'interaction', 'warning',
     'NSAID with duloxetine (SNRI): platelet serotonin depletion adds to GI-bleeding risk',
     'Duloxetine PI: bleeding with NSAIDs, aspirin, warfarin [LBL-DLX]', 'label'),
    ('nsaid.ace_inhibitor', 'group', 'nsaid_nonaspirin', 'group', 'ace_inhibitor', NULL, NULL, 'interaction', 'warning',
     'NSAID with an ACE inhibitor: reduced antihypertensive effect; acute kidney injury and hyperkalaemia risk, especially in older or volume-depleted patients',
     'NSAID class labelling, drug interactions [LBL-NSAID]', 'label'),
    ('nsaid.loop_diuretic', 'group', 'nsaid_nonaspirin', 'group', 'loop_diuretic', NULL, NULL, 'interaction', 'warning',
     'NSAID with a loop diuretic: reduced natriuretic effect; acute kidney injury risk',
     'NSAID class labelling, drug interactions [LBL-NSAID]', 'label'),
    ('nsaid.ace_inhibitor.loop_diuretic', 'group', 'nsaid_nonaspirin', 'group', 'ace_inhibitor', 'group', 'loop_diuretic', 'interaction', 'warning',
     '"Triple whammy": NSAID + ACE inhibitor + diuretic together markedly raise the risk of acute kidney injury; avoid the combination or monitor renal function closely',
     'NSAID class labelling [LBL-NSAID]; triple-whammy rule [POLICY]; warning per check contract policy decision 10 [contract]', 'contract');

-- Bleeding and pharmacokinetic partner pairs (5.2, 5.4) ------------------------------------------
INSERT INTO interaction_rule (id, a_type, a, b_type, b, kind, severity, message, source, evidence) VALUES
    ('anticoagulant.ssri', 'group', 'anticoagulant', 'group', 'ssri', 'interaction', 'warning',
     'Oral anticoagulant with an SSRI: bleeding risk',
     'SSRI labelling: bleeding with anticoagulants [LBL-SSRI][LBL]', 'label'),
    ('anticoagulant.snri', 'group', 'anticoagulant', 'group', 'snri', 'interaction', 'warning',
     'Oral anticoagulant with duloxetine (SNRI): bleeding risk',
     'Duloxetine PI: bleeding with warfarin [LBL-DLX][LBL]', 'label'),
    ('warfarin.ciprofloxacin', 'ingredient', 'warfarin', 'ingredient', 'ciprofloxacin', 'interaction', 'warning',
     'Warfarin with ciprofloxacin: INR elevation; monitor INR (UNVERIFIED)',
     'Warfarin PI [LBL] (reference 5.2: UNVERIFIED)', 'unverified'),
    ('clopidogrel.fluoxetine', 'ingredient', 'clopidogrel', 'ingredient', 'fluoxetine', 'interaction', 'warning',
     'Clopidogrel with fluoxetine: CYP2C19 inhibition reduces clopidogrel activation, plus SSRI bleeding risk (UNVERIFIED)',
     'Clopidogrel PI [LBL] (reference 5.2: UNVERIFIED)', 'unverified'),
    ('clopidogrel.fluvoxamine', 'ingredient', 'clopidogrel', 'ingredient', 'fluvoxamine', 'interaction', 'warning',
     'Clopidogrel with fluvoxamine: CYP2C19 inhibition reduces clopidogrel activation, plus SSRI bleeding risk (UNVERIFIED)',
     'Clopidogrel PI [LBL] (reference 5.2: UNVERIFIED)', 'unverified'),
    ('corticosteroid.fluoroquinolone', 'group', 'corticosteroid', 'group', 'fluoroquinolone', 'interaction', 'info',
     'Systemic corticosteroid with a fluoroquinolone: tendon rupture risk (note)',
     'Fluoroquinolone labelling [LBL]', 'label'),
    ('tizanidine.strong_cyp1a2_inhibitor', 'ingredient', 'tizanidine', 'group', 'strong_cyp1a2_inhibitor', 'interaction', 'contraindicated',
     'Tizanidine with fluvoxamine or ciprofloxacin (strong CYP1A2 inhibitors): contraindicated (tizanidine AUC about 33-fold with fluvoxamine, 10-fold with ciprofloxacin; hypotension, sedation)',
     'Tizanidine PI, contraindications [LBL-TIZ]', 'label'),
    ('duloxetine.strong_cyp1a2_inhibitor', 'ingredient', 'duloxetine', 'group', 'strong_cyp1a2_inhibitor', 'interaction', 'violation',
     'Duloxetine with fluvoxamine or ciprofloxacin (potent CYP1A2 inhibitors): avoid (fluvoxamine raised duloxetine AUC about 6-fold)',
     'Duloxetine (Cymbalta) PI: avoid potent CYP1A2 inhibitors [LBL-DLX]', 'label'),
    ('amitriptyline.fluvoxamine', 'ingredient', 'amitriptyline', 'ingredient', 'fluvoxamine', 'interaction', 'warning',
     'Amitriptyline with fluvoxamine: CYP1A2 inhibition raises amitriptyline levels (UNVERIFIED)',
     'Amitriptyline PI [LBL-AMI] (reference 5.4: UNVERIFIED)', 'unverified'),
    ('methadone.strong_cyp1a2_inhibitor', 'ingredient', 'methadone', 'group', 'strong_cyp1a2_inhibitor', 'interaction', 'warning',
     'Methadone with fluvoxamine or ciprofloxacin: raised methadone levels and QT prolongation (UNVERIFIED)',
     'Methadone PI [LBL-MTD] (reference 5.4: UNVERIFIED)', 'unverified'),
    ('oxycodone.ciprofloxacin', 'ingredient', 'oxycodone', 'ingredient', 'ciprofloxacin', 'interaction', 'info',
     'Oxycodone with ciprofloxacin (moderate CYP3A4 inhibitor): boxed warning on CYP3A4 inhibitors - opioid levels may rise (UNVERIFIED)',
     'Opioid class labelling, CYP3A4 boxed warning [LBL-OPI] (reference 5.4: UNVERIFIED)', 'unverified'),
    ('hydrocodone.ciprofloxacin', 'ingredient', 'hydrocodone', 'ingredient', 'ciprofloxacin', 'interaction', 'info',
     'Hydrocodone with ciprofloxacin (moderate CYP3A4 inhibitor): boxed warning on CYP3A4 inhibitors - opioid levels may rise (UNVERIFIED)',
     'Opioid class labelling, CYP3A4 boxed warning [LBL-OPI] (reference 5.4: UNVERIFIED)', 'unverified'),
    ('fentanyl.ciprofloxacin', 'ingredient', 'fentanyl', 'ingredient', 'ciprofloxacin', 'interaction', 'info',
     'Fentanyl with ciprofloxacin (moderate CYP3A4 inhibitor): boxed warning on CYP3A4 inhibitors - opioid levels may rise (UNVERIFIED)',
     'Opioid class labelling, CYP3A4 boxed warning [LBL-OPI] (reference 5.4: UNVERIFIED)', 'unverified');

-- CNS depression (5.1) and duplicates (5.5) --------------------------------------------------------
INSERT INTO interaction_rule (id, a_type, a, b_type, b, kind, severity, message, source, evidence) VALUES
    ('opioid.gabapentinoid', 'group', 'opioid', 'group', 'gabapentinoid', 'interaction', 'warning',
     'Opioid with gabapentin or pregabalin: respiratory depression; Beers (>= 65): avoid except when transitioning from an opioid to a gabapentinoid or using it to lower the opioid dose',
     'FDA 2019 [FDA-GABA2019]; AGS Beers 2023 [BEERS23]; warning per check contract severity policy [contract]', 'contract'),
    ('opioid.tca', 'group', 'opioid', 'group', 'tca', 'interaction', 'warning',
     'Opioid with a tricyclic antidepressant: additive CNS depression; anticholinergic constipation and urinary retention (warning by medcheck policy)',
     'Opioid class labelling [LBL-OPI]; amitriptyline PI [LBL-AMI]; warning [POLICY]', 'policy'),
    ('benzodiazepine.gabapentinoid', 'group', 'benzodiazepine', 'group', 'gabapentinoid', 'interaction', 'warning',
     'Benzodiazepine with gabapentin or pregabalin: additive CNS and respiratory depression (warning by medcheck policy)',
     'FDA 2019 [FDA-GABA2019]; warning [POLICY]', 'policy'),
    ('gabapentinoid.duplicate', 'group', 'gabapentinoid', 'group', 'gabapentinoid', 'duplicate_therapy', 'violation',
     'Gabapentin with pregabalin: same mechanism (alpha-2-delta ligands); use one (medcheck policy)',
     'Duplicate gabapentinoids [POLICY]', 'policy'),
    ('muscle_relaxant.duplicate', 'group', 'muscle_relaxant', 'group', 'muscle_relaxant', 'duplicate_therapy', 'warning',
     'Two different skeletal muscle relaxants together: additive sedation with no added benefit (warning by medcheck policy)',
     'Duplicate skeletal muscle relaxants [POLICY]', 'policy'),
    ('ssri.duplicate', 'group', 'ssri', 'group', 'ssri', 'duplicate_therapy', 'warning',
     'Two different SSRIs together: duplicate antidepressant, serotonin syndrome risk (warning by medcheck policy)',
     'Duplicate SSRIs [POLICY]', 'policy'),
    ('maoi.duplicate', 'group', 'maoi', 'group', 'maoi', 'duplicate_therapy', 'warning',
     'Two different MAOIs (incl. linezolid) together: hypertensive crisis and serotonin toxicity (reference: violation by medcheck policy, source UNVERIFIED, so a warning)',
     'MAOI labelling [LBL] (reference 5.3: [POLICY] violation, UNVERIFIED)', 'unverified');

-- Serotonergic combinations (5.3) ----------------------------------------------------------------
-- MAOI: labelled contraindications for tapentadol, duloxetine, SSRIs, amitriptyline (linezolid is in
-- maoi, so the 5.3 linezolid + SSRI/SNRI/TCA row is covered); other opioids "use not recommended"
-- -> violation, one row per opioid as in the foundation.
INSERT INTO interaction_rule (id, a_type, a, b_type, b, kind, severity, message, source, evidence) VALUES
    ('tapentadol.maoi', 'ingredient', 'tapentadol', 'group', 'maoi', 'interaction', 'contraindicated',
     'Tapentadol with an MAOI (now or within 14 days): contraindicated (serotonin syndrome, opioid toxicity)',
     'Tapentadol PI, contraindications [LBL-TAP]', 'label'),
    ('duloxetine.maoi', 'ingredient', 'duloxetine', 'group', 'maoi', 'interaction', 'contraindicated',
     'Duloxetine with an MAOI incl. linezolid (MAOI now or within 14 days; duloxetine within 5 days): contraindicated (serotonin syndrome)',
     'Duloxetine (Cymbalta) PI, contraindications [LBL-DLX]', 'label'),
    ('maoi.ssri', 'group', 'maoi', 'group', 'ssri', 'interaction', 'contraindicated',
     'MAOI (incl. linezolid) with an SSRI: contraindicated (serotonin syndrome; fluoxetine: stop 5 weeks before an MAOI)',
     'SSRI labelling, contraindications [LBL-SSRI]', 'label'),
    ('amitriptyline.maoi', 'ingredient', 'amitriptyline', 'group', 'maoi', 'interaction', 'contraindicated',
     'Amitriptyline with an MAOI (now or within 14 days): contraindicated',
     'Amitriptyline PI, contraindications [LBL-AMI]', 'label'),
    ('methadone.maoi', 'ingredient', 'methadone', 'group', 'maoi', 'interaction', 'violation',
     'Methadone with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('fentanyl.maoi', 'ingredient', 'fentanyl', 'group', 'maoi', 'interaction', 'violation',
     'Fentanyl with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('oxymorphone.maoi', 'ingredient', 'oxymorphone', 'group', 'maoi', 'interaction', 'violation',
     'Oxymorphone with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('buprenorphine.maoi', 'ingredient', 'buprenorphine', 'group', 'maoi', 'interaction', 'violation',
     'Buprenorphine with an MAOI (now or within 14 days): use not recommended (serotonin syndrome or opioid toxicity)',
     'Opioid class labelling: MAOI interaction [LBL-OPI]', 'label'),
    ('tramadol.snri', 'ingredient', 'tramadol', 'group', 'snri', 'interaction', 'warning',
     'Tramadol with duloxetine (SNRI): serotonin syndrome and seizure risk',
     'Tramadol PI [LBL-TRM]', 'label'),
    ('tramadol.tca', 'ingredient', 'tramadol', 'group', 'tca', 'interaction', 'warning',
     'Tramadol with a tricyclic antidepressant: serotonin syndrome and seizure risk',
     'Tramadol PI [LBL-TRM]', 'label'),
    ('tapentadol.ssri', 'ingredient', 'tapentadol', 'group', 'ssri', 'interaction', 'warning',
     'Tapentadol with an SSRI: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-TAP]', 'label'),
    ('tapentadol.snri', 'ingredient', 'tapentadol', 'group', 'snri', 'interaction', 'warning',
     'Tapentadol with duloxetine (SNRI): serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-TAP]', 'label'),
    ('tapentadol.tca', 'ingredient', 'tapentadol', 'group', 'tca', 'interaction', 'warning',
     'Tapentadol with a tricyclic antidepressant: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-TAP]', 'label'),
    ('tapentadol.cyclobenzaprine', 'ingredient', 'tapentadol', 'ingredient', 'cyclobenzaprine', 'interaction', 'warning',
     'Tapentadol with cyclobenzaprine: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI]; cyclobenzaprine HCl PI [LBL-CBZ]', 'label'),
    ('methadone.ssri', 'ingredient', 'methadone', 'group', 'ssri', 'interaction', 'warning',
     'Methadone with an SSRI: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-MTD]', 'label'),
    ('methadone.snri', 'ingredient', 'methadone', 'group', 'snri', 'interaction', 'warning',
     'Methadone with duloxetine (SNRI): serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-MTD]', 'label'),
    ('methadone.tca', 'ingredient', 'methadone', 'group', 'tca', 'interaction', 'warning',
     'Methadone with a tricyclic antidepressant: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-MTD]', 'label'),
    ('methadone.cyclobenzaprine', 'ingredient', 'methadone', 'ingredient', 'cyclobenzaprine', 'interaction', 'warning',
     'Methadone with cyclobenzaprine: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI]; cyclobenzaprine HCl PI [LBL-CBZ]', 'label'),
    ('fentanyl.ssri', 'ingredient', 'fentanyl', 'group', 'ssri', 'interaction', 'warning',
     'Fentanyl with an SSRI: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-FEN]', 'label'),
    ('fentanyl.snri', 'ingredient', 'fentanyl', 'group', 'snri', 'interaction', 'warning',
     'Fentanyl with duloxetine (SNRI): serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-FEN]', 'label'),
    ('fentanyl.tca', 'ingredient', 'fentanyl', 'group', 'tca', 'interaction', 'warning',
     'Fentanyl with a tricyclic antidepressant: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI][LBL-FEN]', 'label'),
    ('fentanyl.cyclobenzaprine', 'ingredient', 'fentanyl', 'ingredient', 'cyclobenzaprine', 'interaction', 'warning',
     'Fentanyl with cyclobenzaprine: serotonin syndrome (opioid class warning)',
     'Opioid class labelling: serotonin syndrome [LBL-OPI]; cyclobenzaprine HCl PI [LBL-CBZ]', 'label'),
    ('duloxetine.ssri', 'ingredient', 'duloxetine', 'group', 'ssri', 'interaction', 'warning',
     'Duloxetine with an SSRI: serotonin syndrome; duplicate antidepressant mechanisms (warning by medcheck policy)',
     'Duloxetine (Cymbalta) PI, serotonin syndrome [LBL-DLX]; warning [POLICY]', 'policy'),
    ('duloxetine.tca', 'ingredient', 'duloxetine', 'group', 'tca', 'interaction', 'warning',
     'Duloxetine with a tricyclic antidepressant: serotonin syndrome; duplicate antidepressant mechanisms (warning by medcheck policy)',
     'Duloxetine (Cymbalta) PI, serotonin syndrome [LBL-DLX]; warning [POLICY]', 'policy'),
    ('cyclobenzaprine.snri', 'ingredient', 'cyclobenzaprine', 'group', 'snri', 'interaction', 'warning',
     'Cyclobenzaprine with duloxetine (SNRI): serotonin syndrome risk',
     'Cyclobenzaprine HCl PI, serotonin syndrome [LBL-CBZ]', 'label'),
    ('cyclobenzaprine.tca', 'ingredient', 'cyclobenzaprine', 'group', 'tca', 'interaction', 'warning',
     'Cyclobenzaprine with a tricyclic antidepressant: serotonin syndrome risk; additive anticholinergic and cardiac effects',
     'Cyclobenzaprine HCl PI, serotonin syndrome [LBL-CBZ]', 'label'),
    ('amitriptyline.ssri', 'ingredient', 'amitriptyline', 'group', 'ssri', 'interaction', 'warning',
     'Amitriptyline with an SSRI: TCA levels rise (CYP2D6/1A2 inhibition); serotonin syndrome',
     'Amitriptyline PI [LBL-AMI]', 'label');

-- Reference 5.2 row 1: two different systemic NSAIDs, analgesic-dose aspirin included, are duplicate
-- NSAIDs (violation by the contract's severity policy). Antiplatelet-dose aspirin is nsaid.aspirin.
INSERT INTO interaction_rule (id, a_type, a, b_type, b, b_above_daily_mg, kind, severity, message, source, evidence) VALUES
    ('nsaid.aspirin.analgesic', 'group', 'nsaid_nonaspirin', 'ingredient', 'aspirin', 325, 'duplicate_therapy', 'violation',
     'NSAID with analgesic-dose aspirin (above 325 mg/day): duplicate NSAID therapy, more GI, renal and CV harm with no added benefit; use one NSAID',
     'NSAID class labelling [LBL-NSAID]; analgesic-dose aspirin counts as a duplicate NSAID (reference 5.2); duplicate NSAIDs = violation per check contract severity policy [contract]',
     'contract');
UPDATE interaction_rule SET b_max_daily_mg = 325 WHERE id = 'nsaid.aspirin';

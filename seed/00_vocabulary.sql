-- medcheck seed 00: vocabularies (database version, source tags, conditions, indications, groups).
-- Every fact comes from /work/shared/clinical-reference.md (v1) and check-contract.md (v1);
-- where they differ, the contract wins.

INSERT INTO meta (key, value) VALUES ('db_version', '2026.11.25');

-- Source tags: clinical-reference.md section 10 (the whole legend, so later seeds need no new rows).
-- Rows that section 10 lists together ("[LBL-CBZ] / [LBL-CBZ-ER]") are split into one row per tag.
INSERT INTO source_tag (tag, citation) VALUES
    ('contract', 'medcheck check contract v1, severity policy section (and its "Policy decisions (v1)")'),
    ('POLICY', 'medcheck product policy (not a label fact); each use states its basis'),
    ('SEED', 'guideline summary "Treatment options for back pain" (Praxis Medical Insights practical summary, 2025), the project''s seed reference'),
    ('ACP17', 'American College of Physicians. Noninvasive treatments for acute, subacute, and chronic low back pain: a clinical practice guideline. Ann Intern Med. 2017;166(7):514-530'),
    ('ACP07', 'ACP/American Pain Society. Diagnosis and treatment of low back pain: joint clinical practice guideline. Ann Intern Med. 2007;147(7):478-491'),
    ('CDC22', 'CDC Clinical Practice Guideline for Prescribing Opioids for Pain - United States, 2022. MMWR Recomm Rep 2022;71(RR-3):1-95 (MME table, recommendations 1-12)'),
    ('CDC16', 'CDC Guideline for Prescribing Opioids for Chronic Pain - United States, 2016. MMWR Recomm Rep 2016;65(RR-1)'),
    ('BEERS23', 'American Geriatrics Society 2023 Updated AGS Beers Criteria for potentially inappropriate medication use in older adults. J Am Geriatr Soc. 2023;71(7):2052-2081. doi:10.1111/jgs.18372 (Tables 2, 3, 4, 5, 6)'),
    ('KDIGO', 'KDIGO Clinical Practice Guideline for the Evaluation and Management of CKD (2012; 2024 update): drug-safety recommendations for NSAIDs'),
    ('LIVERTOX', 'LiverTox (NIDDK): Acetaminophen monograph'),
    ('CG1976', 'Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. Nephron. 1976;16:31-41'),
    ('FDA-APAP2011', 'FDA Drug Safety Communication, 13 Jan 2011: prescription acetaminophen combination products limited to 325 mg per dosage unit; boxed warning for hepatotoxicity'),
    ('FDA-NSAID-PREG', 'FDA Drug Safety Communication, 15 Oct 2020: avoid NSAIDs at about 20 weeks of pregnancy or later (oligohydramnios); existing avoid-at-30-weeks warning (ductus arteriosus); low-dose 81 mg aspirin exempt'),
    ('FDA-GABA2019', 'FDA Drug Safety Communication, 19 Dec 2019: serious breathing difficulties with gabapentin/pregabalin in patients with respiratory risk factors, opioids/CNS depressants, elderly'),
    ('RXN-CPIC', 'CPIC public database drug table (RxNorm ingredient identifiers)'),
    ('LBL-APAP', 'acetaminophen OTC Drug Facts (monograph; brand Extra Strength 500 mg label: max 6 caplets/24 h)'),
    ('OTC-APAP', 'acetaminophen OTC Drug Facts (monograph; brand Extra Strength 500 mg label: max 6 caplets/24 h)'),
    ('LBL-APAP-IV', 'acetaminophen injection prescribing information (>= 50 kg: 1000 mg q6h, max 4000 mg/day; < 50 kg: 15 mg/kg, max 75 mg/kg/day; all routes and products count)'),
    ('LBL-NSAID', 'NSAID class labelling: boxed warning (CV thrombotic events, CABG contraindication, GI bleeding), contraindications, warnings; ibuprofen, naproxen/naproxen sodium, diclofenac, meloxicam, etodolac, nabumetone PIs'),
    ('OTC-NAP', 'naproxen sodium OTC Drug Facts'),
    ('OTC-ASA', 'aspirin OTC Drug Facts'),
    ('LBL-CELE', 'celecoxib (Celebrex) PI'),
    ('LBL-KETO', 'ketorolac tromethamine tablets PI (boxed warning; 5-day limit)'),
    ('LBL-CBZ', 'cyclobenzaprine HCl tablets PI'),
    ('LBL-CBZ-ER', 'cyclobenzaprine ER capsules PI'),
    ('LBL-MTH', 'methocarbamol PI'),
    ('LBL-TIZ', 'tizanidine PI'),
    ('LBL-BAC', 'baclofen PI'),
    ('LBL-CAR', 'carisoprodol PI'),
    ('LBL-MTX', 'metaxalone PI'),
    ('LBL-GABA', 'gabapentin (Neurontin) PI'),
    ('LBL-PGB', 'pregabalin (Lyrica) PI'),
    ('LBL-DLX', 'duloxetine (Cymbalta) PI'),
    ('LBL-AMI', 'amitriptyline PI'),
    ('LBL-SSRI', 'sertraline, fluoxetine, fluvoxamine PIs'),
    ('LBL-OPI', 'opioid analgesic class labelling (boxed warnings incl. benzodiazepine/CNS-depressant co-use, CYP3A4, neonatal opioid withdrawal; serotonin syndrome and MAOI statements)'),
    ('LBL-TRM', 'tramadol PI'),
    ('LBL-TRM-APAP', 'tramadol/APAP PI'),
    ('LBL-TAP', 'tapentadol PI'),
    ('LBL-COD', 'codeine PI'),
    ('LBL-COD-APAP', 'codeine/APAP PI'),
    ('LBL-HC', 'hydrocodone (combos, ER) PIs'),
    ('LBL-OXY', 'oxycodone PI'),
    ('LBL-OXY-APAP', 'oxycodone/APAP PI'),
    ('LBL-MOR', 'morphine PI'),
    ('LBL-HM', 'hydromorphone PI'),
    ('LBL-OXM', 'oxymorphone PI'),
    ('LBL-MTD', 'methadone PI'),
    ('LBL-FEN', 'fentanyl transdermal PI'),
    ('LBL-BUP', 'buprenorphine (Butrans, Belbuca) PIs'),
    ('LBL-BZD', 'benzodiazepine class labelling (boxed warning: opioid co-use; abuse, dependence)'),
    ('LBL-DZP', 'diazepam PI'),
    ('LBL-LZP', 'lorazepam PI'),
    ('LBL-ALP', 'alprazolam PI'),
    ('LBL-CLZ', 'clonazepam PI'),
    ('LBL', 'the named partner drug''s PI (warfarin, apixaban, rivaroxaban, clopidogrel, phenelzine, selegiline, linezolid, prednisone, lisinopril, furosemide, ciprofloxacin)');

-- Conditions: check-contract.md "Condition vocabulary" (all 25 keys).
INSERT INTO condition (key, description) VALUES
    ('gi_bleed_history', 'history of gastrointestinal bleeding'),
    ('peptic_ulcer', 'peptic (gastric or duodenal) ulcer, active or past'),
    ('heart_failure', 'heart failure (congestive heart failure)'),
    ('recent_cabg', 'coronary artery bypass graft (CABG) surgery, recent / peri-operative setting'),
    ('myocardial_infarction', 'history of myocardial infarction (not recent)'),
    ('recent_myocardial_infarction', 'recent myocardial infarction (acute recovery phase)'),
    ('stroke', 'history of stroke'),
    ('hypertension', 'hypertension'),
    ('ckd', 'chronic kidney disease'),
    ('alcohol_use_disorder', 'alcohol use disorder or heavy alcohol use'),
    ('hyperthyroidism', 'hyperthyroidism'),
    ('arrhythmia', 'cardiac arrhythmia'),
    ('heart_block', 'heart block or cardiac conduction disturbance'),
    ('seizure_disorder', 'seizure disorder (epilepsy)'),
    ('sleep_apnea', 'sleep apnea (sleep-related breathing disorder)'),
    ('copd', 'chronic obstructive pulmonary disease or other chronic respiratory impairment'),
    ('opioid_use_disorder', 'opioid use disorder'),
    ('opioid_tolerant', 'opioid-tolerant (>= 60 mg oral morphine/day or equivalent for >= 1 week)'),
    ('substance_use_disorder', 'substance use disorder (other than opioid or alcohol use disorder)'),
    ('falls_history', 'history of falls or fractures'),
    ('dementia', 'dementia or cognitive impairment'),
    ('glaucoma', 'glaucoma (type not captured in v1: angle-closure cannot be excluded)'),
    ('urinary_retention', 'urinary retention or lower urinary tract symptoms'),
    ('depression', 'depression'),
    ('asthma_nsaid_sensitive', 'asthma, urticaria or allergic-type reaction after aspirin or another NSAID');

-- Indications: check-contract.md case input; first_line_applies per Policy decision 2
-- (back-pain indications yes; cancer_pain, palliative_care, other no).
INSERT INTO indication (key, description, first_line_applies, source) VALUES
    ('acute_low_back_pain', 'acute or subacute low back pain (< 12 weeks)', 1, 'check contract policy decision 2 [contract]; clinical reference 7.2 [ACP17]'),
    ('chronic_low_back_pain', 'chronic low back pain (> 12 weeks)', 1, 'check contract policy decision 2 [contract]; clinical reference 7.2 [ACP17]'),
    ('radicular_pain', 'radicular back pain', 1, 'check contract policy decision 2 [contract]'),
    ('neuropathic_pain', 'neuropathic pain component', 1, 'check contract policy decision 2 [contract]'),
    ('cancer_pain', 'cancer pain (out of scope of v1 rules)', 0, 'check contract policy decision 2 [contract]; clinical reference 1.1'),
    ('palliative_care', 'palliative / end-of-life care (out of scope of v1 rules)', 0, 'check contract policy decision 2 [contract]; clinical reference 1.1'),
    ('other', 'any other indication', 0, 'check contract policy decision 2 [contract]');

-- Drug groups: clinical-reference.md 2.1 (classes and flags) for the ingredients seeded in 10_drugs.sql.
-- cns_active is the set that section 5.1 / 8 counts for the Beers ">= 3 CNS-active drugs" rule.
INSERT INTO drug_group (key, description, source) VALUES
    ('analgesic', 'non-opioid, non-NSAID analgesic (acetaminophen)', 'clinical reference 2.1 [LBL-APAP]'),
    ('nsaid', 'NSAID, non-selective (includes salicylate for duplicate/bleeding rules); celecoxib is also a member because a COX-2 selective NSAID is an NSAID for every NSAID rule', 'clinical reference 2.1 [LBL-NSAID][LBL-CELE]'),
    ('cox2_nsaid', 'COX-2 selective NSAID (also an NSAID for every NSAID rule)', 'clinical reference 2.1 [LBL-CELE]'),
    ('muscle_relaxant', 'skeletal muscle relaxant / antispasticity agent', 'clinical reference 2.1 [LBL-CBZ][BEERS23]'),
    ('opioid', 'opioid agonist / partial agonist (tramadol and tapentadol included)', 'clinical reference 2.1 [LBL-OPI]'),
    ('benzodiazepine', 'benzodiazepine', 'clinical reference 2.1 [LBL-BZD]'),
    ('anticoagulant', 'oral anticoagulant', 'clinical reference 2.1 [LBL]'),
    ('antiplatelet', 'P2Y12 inhibitor / antiplatelet-dose aspirin', 'clinical reference 2.1 [LBL]'),
    ('ssri', 'selective serotonin reuptake inhibitor', 'clinical reference 2.1 [LBL-SSRI]'),
    ('maoi', 'monoamine oxidase inhibitor, incl. drugs with MAOI activity (linezolid)', 'clinical reference 2.1 [LBL]'),
    ('corticosteroid', 'systemic glucocorticoid', 'clinical reference 2.1 [LBL]'),
    ('serotonergic', 'flag: serotonergic drug (serotonin syndrome risk in combination)', 'clinical reference 2.1 [LBL-OPI][LBL-CBZ][LBL-SSRI][LBL]'),
    ('cns_depressant', 'flag: CNS depressant (opioids, benzodiazepines, gabapentinoids, muscle relaxants, TCA)', 'clinical reference 2.1 [BEERS23][LBL-OPI]'),
    ('anticholinergic_strong', 'flag: strongly anticholinergic', 'clinical reference 2.1 [BEERS23]'),
    ('strong_cyp1a2_inhibitor', 'flag: strong CYP1A2 inhibitor', 'clinical reference 2.1 [LBL-SSRI]'),
    ('tca_like', 'flag: TCA-like structure and effects (cyclobenzaprine)', 'clinical reference 2.1 [LBL-CBZ]'),
    ('cns_active', 'CNS-active drug for the AGS Beers ">= 3 CNS-active drugs" rule: opioids, benzodiazepines, gabapentinoids, skeletal muscle relaxants, TCA, SNRI, SSRI', 'clinical reference 5.1 and 8 [BEERS23]');

-- Groups for the clinical-breadth drugs (issue 3): clinical-reference.md 2.1 classes not needed by the
-- foundation drugs, plus one narrower group. nsaid_nonaspirin = every NSAID except aspirin: the
-- NSAID class-labelling rules (CABG, CV thrombotic events, hypertension, renal bands, pregnancy,
-- duplicate NSAIDs) exempt antiplatelet-dose aspirin (2.1, 4.1, 5.2, 8); aspirin has its own
-- dose-gated rules (analgesic dose = above 325 mg/day; pregnancy exemption <= 81 mg/day).
-- The `acetaminophen_containing` flag of 2.1 is not a group: every product's acetaminophen is
-- the ingredient acetaminophen, so the cumulative rule already counts it.
INSERT INTO drug_group (key, description, source) VALUES
    ('nsaid_nonaspirin', 'NSAID other than aspirin (celecoxib included): the NSAID class-labelling rules that antiplatelet-dose aspirin is exempt from', 'clinical reference 2.1, 4.1, 5.2, 8 [LBL-NSAID][OTC-ASA][POLICY]'),
    ('gabapentinoid', 'alpha-2-delta ligand (gabapentin, pregabalin)', 'clinical reference 2.1 [LBL-GABA][LBL-PGB]'),
    ('snri', 'serotonin-norepinephrine reuptake inhibitor (duloxetine)', 'clinical reference 2.1 [LBL-DLX]'),
    ('tca', 'tricyclic antidepressant (amitriptyline; cyclobenzaprine is only tca_like)', 'clinical reference 2.1 [LBL-AMI]'),
    ('ace_inhibitor', 'ACE inhibitor (lisinopril)', 'clinical reference 2.1 [LBL]'),
    ('loop_diuretic', 'loop diuretic (the diuretic of the NSAID + ACE inhibitor + diuretic rule)', 'clinical reference 2.1 [LBL]'),
    ('fluoroquinolone', 'quinolone antibacterial (ciprofloxacin)', 'clinical reference 2.1 [LBL]');

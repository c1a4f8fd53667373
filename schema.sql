-- medcheck rule database schema (schema_version 1).
--
-- The build runs this file, then every seed/*.sql file in name order, into a fresh database and
-- embeds the result in the medcheck binary. Rules are data: C++ implements the rule *kinds*
-- (dose limits by measure, population filters, interactions, duplicates, first-line, MME); what
-- the limits are, whom they apply to and where they come from lives in these tables.
--
-- Conventions
-- * Every rule row carries `source` (a citation; bracketed tags such as [LBL-APAP] must exist in
--   source_tag) and `evidence`: 'label' (labelled / guideline fact), 'policy' (a medcheck policy
--   number, shown as such), 'contract' (a severity or number adopted by the check contract's policy
--   decisions), 'unverified' (believed correct, not confirmed: such rows may be at most a warning).
-- * Population ranges are half-open: a row with crcl_min 30, crcl_max 60 applies to 30 <= CrCl < 60.
--   Ages are years, weights kg, CrCl mL/min (Cockcroft-Gault), pregnancy in gestational weeks.
-- * Dose limits are maxima: a finding fires when the actual value is strictly above the limit.
-- * Amounts are ingredient (active moiety) amounts as labelled, in mg, unless the measure says
--   otherwise (rate_mcg_h for patches, units_per_day / units_per_dose for tablets of a product).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Vocabularies --------------------------------------------------------------------------------

CREATE TABLE severity (
    key  TEXT PRIMARY KEY,
    rank INTEGER NOT NULL UNIQUE CHECK (rank BETWEEN 0 AND 4)
) STRICT;

CREATE TABLE finding_kind (
    key         TEXT PRIMARY KEY,
    description TEXT NOT NULL
) STRICT;

CREATE TABLE condition (
    key         TEXT PRIMARY KEY CHECK (key NOT GLOB '*[^a-z0-9_]*'),
    description TEXT NOT NULL
) STRICT;

-- Codes (ICD-10-CM, ICD-9-CM, SNOMED CT) that map to the condition vocabulary.
CREATE TABLE condition_code (
    system    TEXT NOT NULL CHECK (system IN ('icd10cm', 'icd9cm', 'snomed')),
    code      TEXT NOT NULL,
    condition TEXT NOT NULL REFERENCES condition(key),
    source    TEXT NOT NULL CHECK (trim(source) <> ''),
    evidence  TEXT NOT NULL CHECK (evidence IN ('label', 'policy', 'contract', 'unverified')),
    PRIMARY KEY (system, code)
) STRICT;

CREATE TABLE route (
    key         TEXT PRIMARY KEY,
    description TEXT NOT NULL
) STRICT;

CREATE TABLE indication (
    key                TEXT PRIMARY KEY,
    description        TEXT NOT NULL,
    first_line_applies INTEGER NOT NULL CHECK (first_line_applies IN (0, 1)),
    source             TEXT NOT NULL CHECK (trim(source) <> '')
) STRICT;

CREATE TABLE source_tag (
    tag      TEXT PRIMARY KEY CHECK (tag NOT GLOB '*[^A-Za-z0-9-]*'),
    citation TEXT NOT NULL CHECK (trim(citation) <> '')
) STRICT;

-- Drug catalogue ------------------------------------------------------------------------------

-- Classes (nsaid, opioid, ...) and flags (serotonergic, cns_depressant, ...) alike.
CREATE TABLE drug_group (
    key         TEXT PRIMARY KEY CHECK (key NOT GLOB '*[^a-z0-9_]*'),
    description TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (trim(source) <> '')
) STRICT;

-- Active moieties: what cumulative totals, MME and class membership are about.
CREATE TABLE ingredient (
    key            TEXT PRIMARY KEY CHECK (key NOT GLOB '*[^a-z0-9_]*'),
    display_name   TEXT NOT NULL,
    rxcui          TEXT,
    rxcui_verified INTEGER NOT NULL DEFAULT 0 CHECK (rxcui_verified IN (0, 1)),
    source         TEXT NOT NULL CHECK (trim(source) <> '')
) STRICT;

CREATE TABLE ingredient_group (
    ingredient TEXT NOT NULL REFERENCES ingredient(key),
    grp        TEXT NOT NULL REFERENCES drug_group(key),
    source     TEXT NOT NULL CHECK (trim(source) <> ''),
    PRIMARY KEY (ingredient, grp)
) STRICT;

-- What `medications[].drug` names: a formulation or product (acetaminophen, naproxen_sodium,
-- cyclobenzaprine_er, hydrocodone_apap_5_325). dose_basis says how its dose is written:
-- 'mass' (mg/g/mcg), 'rate' (mcg/h, patches), 'unit' (tablets/capsules of a fixed strength).
CREATE TABLE drug (
    key          TEXT PRIMARY KEY CHECK (key NOT GLOB '*[^a-z0-9_.]*'),
    display_name TEXT NOT NULL,
    release      TEXT NOT NULL CHECK (release IN ('ir', 'er', 'patch')),
    dose_basis   TEXT NOT NULL CHECK (dose_basis IN ('mass', 'rate', 'unit')),
    source       TEXT NOT NULL CHECK (trim(source) <> '')
) STRICT;

-- Ingredients of a drug. amount: for 'mass' drugs the ingredient mg per written mg (1, or 200/220
-- for naproxen sodium as naproxen base); for 'unit' drugs the ingredient mg per unit; 'rate': 1.
CREATE TABLE drug_component (
    drug       TEXT NOT NULL REFERENCES drug(key),
    ingredient TEXT NOT NULL REFERENCES ingredient(key),
    amount     REAL NOT NULL CHECK (amount > 0),
    source     TEXT NOT NULL CHECK (trim(source) <> ''),
    PRIMARY KEY (drug, ingredient)
) STRICT;

-- Routes a drug is checked for; is_default is used when an order gives none.
CREATE TABLE drug_route (
    drug       TEXT NOT NULL REFERENCES drug(key),
    route      TEXT NOT NULL REFERENCES route(key),
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    PRIMARY KEY (drug, route)
) STRICT;

-- Names that resolve to a drug, normalised: lower case, single spaces, trimmed. unit_strength is set
-- only for a brand sold in one strength (Aleve, Anaprox DS, Tylenol Extra Strength): the amount per
-- tablet or caplet in the drug's written terms (mg of the labelled salt), so "2 tablets" can be
-- checked. A brand with several strengths is named with its strength ('percocet 5/325') or not at all.
CREATE TABLE drug_name (
    name          TEXT NOT NULL CHECK (name = lower(name) AND name = trim(name) AND name NOT LIKE '%  %'),
    drug          TEXT NOT NULL REFERENCES drug(key),
    kind          TEXT NOT NULL CHECK (kind IN ('key', 'generic', 'brand', 'salt', 'rxcui', 'rxnorm', 'abbreviation')),
    unit_strength REAL CHECK (unit_strength > 0),
    source        TEXT NOT NULL CHECK (trim(source) <> ''),
    PRIMARY KEY (name, drug)
) STRICT;

-- Drugs recognised as outside the rules: batch counts their orders as out of scope instead of
-- checking them. Names only (no doses), and only drugs that no class, flag or interaction of the
-- rules concerns, so leaving them out cannot hide a finding on a checked drug. Any other name that
-- does not resolve is an unknown drug (unverifiable), never out of scope (contract v2 decision 15).
CREATE TABLE out_of_scope_drug (
    name   TEXT PRIMARY KEY CHECK (name = lower(name) AND name = trim(name) AND name NOT LIKE '%  %'
                                   AND name NOT GLOB '*[^a-z0-9 -]*'),
    source TEXT NOT NULL CHECK (trim(source) <> '')
) STRICT;

-- Rules ---------------------------------------------------------------------------------------

-- One row = one rule. A rule applies to an order whose drug matches the target (a drug key, an
-- ingredient the drug contains, or a group one of its ingredients belongs to), whose formulation
-- matches `release` and whose route matches `route` (NULL = any), for a patient inside every
-- population filter that is set. With a measure, it fires when the measured value exceeds
-- limit_value; without one, it fires whenever it applies (contraindications, cautions, "avoid").
CREATE TABLE rule (
    id            TEXT PRIMARY KEY CHECK (id NOT GLOB '*[^a-z0-9_.]*'),
    target_type   TEXT NOT NULL CHECK (target_type IN ('drug', 'ingredient', 'group')),
    target        TEXT NOT NULL,
    release       TEXT CHECK (release IN ('ir', 'er', 'patch')),
    route         TEXT REFERENCES route(key),
    kind          TEXT NOT NULL REFERENCES finding_kind(key),
    severity      TEXT NOT NULL REFERENCES severity(key),
    measure       TEXT CHECK (measure IN ('single_mg', 'daily_mg', 'cumulative_daily_mg',
                                          'single_mg_per_kg', 'daily_mg_per_kg', 'doses_per_day',
                                          'duration_days', 'rate_mcg_h', 'units_per_day', 'units_per_dose')),
    limit_value   REAL CHECK (limit_value > 0),
    unit          TEXT,
    new_only      INTEGER NOT NULL DEFAULT 0 CHECK (new_only IN (0, 1)),
    age_min       REAL CHECK (age_min >= 0),
    age_max       REAL CHECK (age_max > 0),
    weight_min    REAL CHECK (weight_min >= 0),
    weight_max    REAL CHECK (weight_max > 0),
    crcl_min      REAL CHECK (crcl_min >= 0),
    crcl_max      REAL CHECK (crcl_max > 0),
    pregnancy_min REAL CHECK (pregnancy_min >= 0),
    pregnancy_max REAL CHECK (pregnancy_max > 0),
    hepatic_min   TEXT CHECK (hepatic_min IN ('mild', 'moderate', 'severe')),
    hepatic_max   TEXT CHECK (hepatic_max IN ('mild', 'moderate', 'severe')),
    condition     TEXT REFERENCES condition(key),
    -- the rule applies only for this indication (NULL = any, including none given)
    indication    TEXT REFERENCES indication(key),
    -- exemptions: the rule does not apply when the patient has this condition, or when the case
    -- holds a continuing order of a drug in this group (e.g. fentanyl patch: opioid-tolerant only)
    unless_condition        TEXT REFERENCES condition(key),
    unless_continuing_group TEXT REFERENCES drug_group(key),
    message       TEXT NOT NULL CHECK (trim(message) <> ''),
    alternative   TEXT,
    source        TEXT NOT NULL CHECK (trim(source) <> ''),
    evidence      TEXT NOT NULL CHECK (evidence IN ('label', 'policy', 'contract', 'unverified')),
    CHECK ((measure IS NULL) = (limit_value IS NULL)),
    CHECK (measure IS NULL OR unit IS NOT NULL),
    CHECK (age_min IS NULL OR age_max IS NULL OR age_min < age_max),
    CHECK (weight_min IS NULL OR weight_max IS NULL OR weight_min < weight_max),
    CHECK (crcl_min IS NULL OR crcl_max IS NULL OR crcl_min < crcl_max),
    CHECK (pregnancy_min IS NULL OR pregnancy_max IS NULL OR pregnancy_min < pregnancy_max),
    CHECK ((hepatic_min IS NULL) = (hepatic_max IS NULL)),
    -- a rule without a measure must say whom it is about
    CHECK (measure IS NOT NULL OR age_min IS NOT NULL OR age_max IS NOT NULL OR weight_min IS NOT NULL
           OR weight_max IS NOT NULL OR crcl_min IS NOT NULL OR crcl_max IS NOT NULL
           OR pregnancy_min IS NOT NULL OR pregnancy_max IS NOT NULL OR hepatic_min IS NOT NULL
           OR condition IS NOT NULL OR indication IS NOT NULL OR unless_condition IS NOT NULL
           OR unless_continuing_group IS NOT NULL),
    CHECK (measure <> 'cumulative_daily_mg' OR target_type = 'ingredient'),
    CHECK (measure NOT IN ('units_per_day', 'units_per_dose') OR target_type = 'drug'),
    -- an unverified number is never more than a warning
    CHECK (evidence <> 'unverified' OR severity IN ('info', 'warning'))
) STRICT;

-- Pairs (or triples, with c) of co-prescribed drugs. Each side matches an ingredient or a group.
-- kind 'duplicate_therapy' with a = b = one group fires for two different ingredients of it.
-- a_max_daily_mg / b_max_daily_mg restrict a side to orders at or below that daily ingredient
-- amount (e.g. antiplatelet-dose aspirin), a_above_daily_mg / b_above_daily_mg to orders strictly
-- above it (analgesic-dose aspirin); an order whose dose cannot be read matches either way (fail
-- closed). age_min restricts the rule to older patients.
CREATE TABLE interaction_rule (
    id             TEXT PRIMARY KEY CHECK (id NOT GLOB '*[^a-z0-9_.]*'),
    a_type         TEXT NOT NULL CHECK (a_type IN ('ingredient', 'group')),
    a              TEXT NOT NULL,
    a_max_daily_mg REAL CHECK (a_max_daily_mg > 0),
    a_above_daily_mg REAL CHECK (a_above_daily_mg > 0),
    b_type         TEXT NOT NULL CHECK (b_type IN ('ingredient', 'group')),
    b              TEXT NOT NULL,
    b_max_daily_mg REAL CHECK (b_max_daily_mg > 0),
    b_above_daily_mg REAL CHECK (b_above_daily_mg > 0),
    c_type         TEXT CHECK (c_type IN ('ingredient', 'group')),
    c              TEXT,
    kind           TEXT NOT NULL CHECK (kind IN ('interaction', 'duplicate_therapy')),
    severity       TEXT NOT NULL REFERENCES severity(key),
    age_min        REAL CHECK (age_min >= 0),
    message        TEXT NOT NULL CHECK (trim(message) <> ''),
    source         TEXT NOT NULL CHECK (trim(source) <> ''),
    evidence       TEXT NOT NULL CHECK (evidence IN ('label', 'policy', 'contract', 'unverified')),
    CHECK ((c_type IS NULL) = (c IS NULL)),
    CHECK (evidence <> 'unverified' OR severity IN ('info', 'warning'))
) STRICT;

-- "N or more different ingredients of a group" (e.g. Beers: >= 3 CNS-active drugs at age >= 65).
CREATE TABLE group_count_rule (
    id        TEXT PRIMARY KEY CHECK (id NOT GLOB '*[^a-z0-9_.]*'),
    grp       TEXT NOT NULL REFERENCES drug_group(key),
    min_count INTEGER NOT NULL CHECK (min_count >= 2),
    age_min   REAL CHECK (age_min >= 0),
    kind      TEXT NOT NULL REFERENCES finding_kind(key),
    severity  TEXT NOT NULL REFERENCES severity(key),
    message   TEXT NOT NULL CHECK (trim(message) <> ''),
    source    TEXT NOT NULL CHECK (trim(source) <> ''),
    evidence  TEXT NOT NULL CHECK (evidence IN ('label', 'policy', 'contract', 'unverified')),
    CHECK (evidence <> 'unverified' OR severity IN ('info', 'warning'))
) STRICT;

-- First-line policy: new orders of these groups need a first-line therapy in `tried`.
CREATE TABLE first_line_rule (
    id                         TEXT PRIMARY KEY CHECK (id NOT GLOB '*[^a-z0-9_.]*'),
    grp                        TEXT NOT NULL REFERENCES drug_group(key),
    severity_none_tried        TEXT NOT NULL REFERENCES severity(key),
    severity_tried_unknown     TEXT NOT NULL REFERENCES severity(key),
    severity_continuing        TEXT NOT NULL REFERENCES severity(key),
    applies_without_indication INTEGER NOT NULL CHECK (applies_without_indication IN (0, 1)),
    message                    TEXT NOT NULL CHECK (trim(message) <> ''),
    source                     TEXT NOT NULL CHECK (trim(source) <> ''),
    evidence                   TEXT NOT NULL CHECK (evidence IN ('label', 'policy', 'contract', 'unverified'))
) STRICT;

-- Values of `tried` that count as a first-line therapy.
CREATE TABLE first_line_therapy (
    tried  TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (trim(source) <> '')
) STRICT;

-- Morphine milligram equivalents. factor NULL = an opioid deliberately left out of the sum.
CREATE TABLE mme_factor (
    ingredient TEXT PRIMARY KEY REFERENCES ingredient(key),
    factor     REAL CHECK (factor > 0),
    basis      TEXT NOT NULL CHECK (basis IN ('daily_mg', 'rate_mcg_h')),
    note       TEXT,
    source     TEXT NOT NULL CHECK (trim(source) <> ''),
    evidence   TEXT NOT NULL CHECK (evidence IN ('label', 'policy', 'contract', 'unverified'))
) STRICT;

-- Total MME/day at or above min_mme gives a finding of this severity (the highest matching row).
CREATE TABLE mme_threshold (
    id       TEXT PRIMARY KEY CHECK (id NOT GLOB '*[^a-z0-9_.]*'),
    min_mme  REAL NOT NULL UNIQUE CHECK (min_mme > 0),
    severity TEXT NOT NULL REFERENCES severity(key),
    message  TEXT NOT NULL CHECK (trim(message) <> ''),
    source   TEXT NOT NULL CHECK (trim(source) <> ''),
    evidence TEXT NOT NULL CHECK (evidence IN ('label', 'policy', 'contract', 'unverified')),
    CHECK (evidence <> 'unverified' OR severity IN ('info', 'warning'))
) STRICT;

INSERT INTO meta (key, value) VALUES ('schema_version', '1');

INSERT INTO severity (key, rank) VALUES
    ('info', 0), ('warning', 1), ('unverifiable', 2), ('violation', 3), ('contraindicated', 4);

INSERT INTO finding_kind (key, description) VALUES
    ('max_single_dose', 'a single administration above its maximum'),
    ('max_daily_dose', 'a daily total above its maximum'),
    ('max_duration', 'a course longer than its maximum'),
    ('start_dose', 'a new therapy started above the start dose for the population'),
    ('hepatic', 'hepatic impairment rule'),
    ('renal', 'renal function (CrCl band) rule'),
    ('contraindication', 'a labelled contraindication'),
    ('caution', 'a caution or monitoring recommendation'),
    ('first_line', 'first-line therapy policy for back pain'),
    ('interaction', 'a drug-drug interaction'),
    ('duplicate_therapy', 'two drugs of the same class or mechanism'),
    ('cumulative_ingredient', 'one ingredient summed across products above its maximum'),
    ('mme', 'opioid morphine milligram equivalents per day'),
    ('pregnancy', 'pregnancy rule'),
    ('beers', 'AGS Beers Criteria 2023 item for age >= 65'),
    ('unknown_drug', 'a drug name that does not resolve'),
    ('invalid_input', 'a value that cannot be read or is implausible'),
    ('missing_patient_factor', 'a value a rule needs is missing');

INSERT INTO route (key, description) VALUES
    ('oral', 'by mouth (po)'),
    ('iv', 'intravenous'),
    ('im', 'intramuscular'),
    ('transdermal', 'transdermal patch'),
    ('topical', 'topical'),
    ('buccal', 'buccal film');

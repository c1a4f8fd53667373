-- medcheck seed 70: first-line policy for back pain.
-- Source: clinical-reference.md 7.1, 7.2; check-contract.md policy decisions 1 and 2 and severity
-- policy (none tried -> violation; `tried` absent -> warning; continuing regimen -> info).
-- Which indications it applies to is indication.first_line_applies (00_vocabulary.sql).
-- One message serves all three severities (none tried / tried unknown / continuing), so it is worded neutrally.

INSERT INTO first_line_rule (id, grp, severity_none_tried, severity_tried_unknown, severity_continuing, applies_without_indication, message, source, evidence) VALUES
    ('first_line.opioid', 'opioid', 'violation', 'warning', 'info', 1,
     'Opioid for back pain: opioids are not first-line; a first-line therapy (nonpharmacologic, NSAID, acetaminophen or muscle relaxant) should be tried first',
     'ACP 2017 [ACP17]; CDC 2022 [CDC22]; seed guideline [SEED]; check contract policy decisions 1 and 2 [contract]', 'contract'),
    ('first_line.benzodiazepine', 'benzodiazepine', 'violation', 'warning', 'info', 1,
     'Benzodiazepine for back pain: benzodiazepines are not first-line; a first-line therapy (nonpharmacologic, NSAID, acetaminophen or muscle relaxant) should be tried first',
     'ACP 2017 [ACP17]; seed guideline [SEED]; check contract policy decisions 1 and 2 [contract]', 'contract');

-- Values of `tried` that count as first-line (contract decision 1).
INSERT INTO first_line_therapy (tried, source) VALUES
    ('nonpharmacologic', 'check contract policy decision 1 [contract]; ACP 2017 [ACP17]; seed guideline [SEED]'),
    ('nsaid', 'check contract policy decision 1 [contract]; ACP 2017 [ACP17]; seed guideline [SEED]'),
    ('acetaminophen', 'check contract policy decision 1 [contract]; seed guideline [SEED]'),
    ('muscle_relaxant', 'check contract policy decision 1 [contract]; ACP 2017 [ACP17]');
